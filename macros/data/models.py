"""Pydantic models of drillbook's data: drills, sessions, benefit claims, sources.

These models are the contract for everything in data/. They are strict (unknown keys are
errors) so a typo in a YAML file is reported instead of silently ignored. Cross-file rules
(slug references, duplicate names) live in load.py, because one record cannot see the others.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

from .pose import sunk_foot
from .slugs import SLUG_MAX_LENGTH, SLUG_PATTERN

# Free text: any printable characters (they are escaped when rendered), never empty. Control
# characters are refused: they cannot appear in HTML and Markdown uses some internally.
_PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
# A label that ends up in page titles, navigation, search and sheets: one short line of any
# printable text. Quotes, & < > and braces are fine: every place that shows a label escapes it
# exactly once (tests/test_text_as_written.py builds a name with all of them).
Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60, pattern=_PRINTABLE),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000, pattern=_PRINTABLE),
]
Short = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_PRINTABLE),
]
# The one slug rule, shared with record file names (slugs.py): any file that loads can be named.
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH)]
Seconds = Annotated[int, Field(ge=0, le=3600)]
PositiveSeconds = Annotated[int, Field(gt=0, le=3600)]

Level = Literal["beginner", "intermediate", "advanced"]
# A controlled vocabulary (as in free-exercise-db) so muscles can be filtered and searched
# under one spelling.
Muscle = Literal[
    "abdominals",
    "adductors",
    "calves",
    "glutes",
    "hamstrings",
    "hip flexors",
    "lower back",
    "obliques",
    "quadriceps",
    "shins",
    "shoulders",
]
Verdict = Literal["supported", "partly supported", "not supported"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# An effort over a distance, in whole metres (the drills are prescribed as 20-40 m).
Metres = Annotated[int, Field(gt=0, le=400)]
# A recovery with no set length: the athletes walk back to the start, and the coach taps Next.
WalkBack = Literal["walk back"]
# The longest plan the timer runs: a long session with warm-up and cool-down, not a day.
MAX_PLAN_SECONDS = 3 * 3600


class Timer(Strict):
    """An interval plan: whole seconds, or metres for an effort run over a distance.

    Each effort is timed (``work``, seconds) or run over a distance (``distance``, metres): the
    timer then counts up and waits for a tap on Done. ``rest`` is seconds, or "walk back": the
    recovery lasts until the next tap.
    """

    prepare: Seconds = 10
    work: PositiveSeconds | None = None
    distance: Metres | None = None
    rest: Seconds | WalkBack = 0
    rounds: Annotated[int, Field(gt=0, le=99)]
    sets: Annotated[int, Field(gt=0, le=20)] = 1
    set_rest: Seconds = 0
    cooldown: Seconds = 0

    @model_validator(mode="after")
    def _one_kind_of_effort(self) -> Timer:
        _check_effort(self.work, self.distance)
        if self.timed_seconds > MAX_PLAN_SECONDS:
            raise ValueError(
                f"the plan's timed part is {self.timed_seconds // 60} min, longer than the "
                f"{MAX_PLAN_SECONDS // 3600} hours a timer runs: fewer rounds or sets"
            )
        return self

    @property
    def timed_seconds(self) -> int:
        """Seconds of the plan with a set length (distance efforts and walk-backs count 0)."""
        return self.prepare + block_seconds(self) + self.cooldown


def _check_effort(work, distance) -> None:
    if work is None and distance is None:
        raise ValueError("give each effort a length: work (seconds) or distance (metres)")
    if work is not None and distance is not None:
        raise ValueError("an effort is timed (work) or run over a distance, not both")


def block_seconds(block) -> int:
    """The timed length of one drill's rounds and sets: what the timer expands, summed."""
    work = block.work or 0
    rest = block.rest if isinstance(block.rest, int) else 0
    one_set = block.rounds * work + (block.rounds - 1) * rest
    return block.sets * one_set + (block.sets - 1) * block.set_rest


# Source ids (data/sources.yml) backing one piece of text; checked at load.
SourceIds = Annotated[list[Slug], Field(min_length=1)]


class Cited(Strict):
    """A step or paragraph with the sources that back it, so a reader can tell what backs
    what: ``{text: ..., sources: [id, ...]}``. Plain text (no sources) is allowed wherever
    this is, for text that rests on the record's general sources."""

    text: Text
    sources: SourceIds


def _by_shape(mapping: str, other: str = "Text"):
    """Pick a union member by the YAML's shape, so a mistake is reported once, against the
    member the writer meant (a mapping for ``mapping``, anything else for ``other``), not once
    per member. A validated model picks ``mapping`` too, so model_dump serialises it as one.
    The tags are capitalised so the loader leaves them out of field paths."""
    return Discriminator(lambda value: mapping if isinstance(value, dict | BaseModel) else other)


# A step or paragraph: plain text, or {text, sources}.
TextOrCited = Annotated[
    Annotated[Text, Tag("Text")] | Annotated[Cited, Tag("Cited")], _by_shape("Cited")
]


class Fault(Strict):
    fault: Short
    why: Text
    fix: Text
    # A drill (by slug) that trains the fix, linked beside it.
    fix_drill: Slug | None = None
    sources: list[Slug] = []


class Variation(Strict):
    """A harder or easier version: another drill by slug, or a description in ``text``.

    ``move_on_when`` says when to go up a step: for a progression, when you are ready for
    it; for a regression, when you are ready to come back from it to this drill.
    """

    drill: Slug | None = None
    text: Text | None = None
    move_on_when: Short | None = None

    @model_validator(mode="after")
    def _drill_or_text(self) -> Variation:
        if (self.drill is None) == (self.text is None):
            raise ValueError("give one of 'drill' (a drill's file name) or 'text', not both")
        return self


# A progression or regression: plain text, or {drill | text, move_on_when}.
TextOrVariation = Annotated[
    Annotated[Text, Tag("Text")] | Annotated[Variation, Tag("Variation")], _by_shape("Variation")
]


class Name(Strict):
    """A name a reader may meet for a drill, with where it comes from (the glossary)."""

    name: Label
    note: Short


class Safety(Strict):
    stop_if: list[Text] = Field(min_length=1)
    not_for: list[Text] = Field(min_length=1)


# Joint angles of a key position, in whole degrees, seen from the side with the runner facing
# right; data/pose.py defines each angle, render/figures.py draws the pose. The ranges are what
# a body can do: a knee or elbow never bends backwards, a hip does not extend far behind the body.
Trunk = Annotated[int, Field(ge=-15, le=45)]
Hip = Annotated[int, Field(ge=-40, le=130)]
Flexion = Annotated[int, Field(ge=0, le=150)]
Ankle = Annotated[int, Field(ge=-50, le=30)]
ShoulderAngle = Annotated[int, Field(ge=-60, le=180)]
# Dashed guide lines drawn on a figure: the thigh at horizontal (through the hip), the trunk
# vertical, or a plumb line from the hip to the ground (the foot lands under it).
Guide = Literal["thigh-horizontal", "trunk-vertical", "foot-under-hip"]
# What a key position's caption is about, drawn emphasised (render/figures.py): the trunk, or
# one side's limb or joint ("left-foot", "right-knee"). Left is the near side, facing the reader.
Focus = Literal[
    "trunk",
    *(
        f"{side}-{part}"
        for side in ("left", "right")
        for part in ("arm", "leg", "thigh", "knee", "shin", "ankle", "foot")
    ),
]


class Leg(Strict):
    """hip: thigh forward of the trunk's line (negative: behind); knee: bend, 0 = straight;
    ankle: 0 = foot square to the shin, positive = toes up, negative = toes pointed."""

    hip: Hip
    knee: Flexion
    ankle: Ankle


class Arm(Strict):
    """shoulder: arm forward of the trunk's line (negative: back); elbow: bend, 0 = straight."""

    shoulder: ShoulderAngle
    elbow: Flexion


class Keyframe(Strict):
    """A key position of a drill, drawn as a figure with its caption (render/figures.py).

    ``support`` is the foot on the ground: the figure stands on it. "none" is flight: both
    feet hover just above the ground line.
    """

    caption: Short
    support: Literal["left", "right", "none"]
    # Optional so a drill written before the field still loads; tests/test_figures.py lists
    # every key position in data/ that does not name one.
    focus: Focus | None = None
    guides: list[Guide] = Field(default=[], max_length=2)
    trunk: Trunk
    left: Leg
    right: Leg
    left_arm: Arm
    right_arm: Arm

    @model_validator(mode="after")
    def _stands_on_its_support_foot(self) -> Keyframe:
        sunk = sunk_foot(self)
        if sunk:
            side, depth = sunk
            raise ValueError(
                f"the {side} foot would sink {depth:.1f}% of body height below the ground: "
                f"make it the support foot (support: {side}) or raise it"
            )
        return self


class Drill(Strict):
    name: Label
    aliases: list[Label] = []
    # Names with a note on where they come from (translations, other traditions); searched
    # like aliases and listed in the glossary with their note.
    names: list[Name] = []
    summary: Short
    naming_note: Text | None = None
    level: Level
    equipment: list[Label] = []
    primary_muscles: list[Muscle] = Field(min_length=1)
    secondary_muscles: list[Muscle] = []
    setup: Text
    steps: list[TextOrCited] = Field(min_length=2)
    cues: list[Short] = Field(min_length=3, max_length=5)
    faults: list[Fault] = Field(min_length=1)
    timer: Timer
    dosage: Short
    progressions: list[TextOrVariation] = []
    regressions: list[TextOrVariation] = []
    safety: Safety
    sources: list[Slug] = Field(min_length=1)
    # 2 to 4 key positions, drawn on the page and the printed sheet.
    keyframes: list[Keyframe] = Field(min_length=2, max_length=4)
    license: Label = "CC-BY-4.0"

    @property
    def other_names(self) -> list[str]:
        """Aliases, then the noted names: every name but the drill's own ("Also called")."""
        return [*self.aliases, *(n.name for n in self.names)]

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.other_names]

    def citations(self) -> list[tuple[str, list[str]]]:
        """Every place that names sources, as (field path, ids), in page order."""
        out = [(f"steps[{i}].sources", s.sources) for i, s in enumerate(self.steps) if cited(s)]
        out += [(f"faults[{i}].sources", f.sources) for i, f in enumerate(self.faults)]
        return [*out, ("sources", self.sources)]


class SessionItem(Strict):
    """One drill in a session; any timer field given here overrides the drill's own plan
    (``work`` or ``distance`` replaces the drill's effort, whichever kind it was)."""

    drill: Slug
    work: PositiveSeconds | None = None
    distance: Metres | None = None
    rest: Seconds | WalkBack | None = None
    rounds: Annotated[int, Field(gt=0, le=99)] | None = None
    sets: Annotated[int, Field(gt=0, le=20)] | None = None
    set_rest: Seconds | None = None

    @model_validator(mode="after")
    def _not_both_efforts(self) -> SessionItem:
        if self.work is not None and self.distance is not None:
            raise ValueError("an effort is timed (work) or run over a distance, not both")
        return self

    def applied_to(self, timer: Timer) -> Timer:
        """The drill's plan with this item's overrides: the block the session runs. Not
        validated again: each field is valid on its own, and load.py checks the session's
        length as a whole."""
        changes = {}
        if self.work is not None or self.distance is not None:
            changes.update(work=self.work, distance=self.distance)
        for name in ("rest", "rounds", "sets", "set_rest"):
            if getattr(self, name) is not None:
                changes[name] = getattr(self, name)
        return timer.model_copy(update=changes)


# A claim's explanation or advice, or a session's purpose: one text, or paragraphs, each
# optionally with its sources.
Paragraphs = Annotated[
    Annotated[Text, Tag("Text")]
    | Annotated[list[TextOrCited], Field(min_length=1), Tag("Paragraphs")],
    Discriminator(lambda value: "Paragraphs" if isinstance(value, list) else "Text"),
]


class Session(Strict):
    name: Label
    summary: Short
    level: Level
    # What the session is for; a paragraph may name the sources its structure rests on.
    purpose: Paragraphs
    prepare: Seconds = 10
    # Between two drills: how long, and what the group does ("Walk back", "Jog to the line").
    transition: Seconds = 30
    transition_label: Label = "Recover"
    cooldown: Seconds = 0
    items: list[SessionItem] = Field(min_length=1)
    notes: list[Text] = []
    # Sources for the session as a whole, listed on its page after the purpose's own.
    sources: list[Slug] = []

    def citations(self) -> list[tuple[str, list[str]]]:
        """Every place that names sources, as (field path, ids), in page order."""
        out = [
            (f"purpose[{i}].sources", para.sources)
            for i, para in enumerate(paragraphs(self.purpose))
            if cited(para)
        ]
        return [*out, ("sources", self.sources)]


# What kind of evidence a source is, shown beside it so a reader can weigh it: a study or
# review ("research"), a guideline or position stand of a professional body ("guideline"),
# or a coaching page or manual describing practice ("coaching"), which is advice, not evidence.
SourceKind = Literal["research", "guideline", "coaching"]


class Source(Strict):
    id: Slug
    kind: SourceKind
    title: Text
    authors: Text
    publisher: Text
    # Web pages often carry no date: leave the year out rather than guess one.
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    # The address as checked; some older coaching pages exist only at http:// addresses.
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    verified: Text

    @model_validator(mode="after")
    def _needs_a_link(self) -> Source:
        if not self.doi and not self.url:
            raise ValueError("needs a doi or a url so readers can check it")
        return self

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else str(self.url)


class SourceList(Strict):
    sources: list[Source] = Field(min_length=1)


class Claim(Strict):
    id: Slug
    claim: Short
    verdict: Verdict
    # The verdict in one plain sentence for a reader who reads nothing else, shown beside the
    # verdict's icon at the top of the claim.
    bottom_line: Short
    explanation: Paragraphs
    instead: Paragraphs | None = None
    # Sources for the claim as a whole; paragraphs may name their own as well.
    sources: list[Slug] = []

    @model_validator(mode="after")
    def _unsupported_says_what_works(self) -> Claim:
        if self.verdict == "not supported" and not self.instead:
            raise ValueError("a 'not supported' claim needs 'instead': say what works")
        if not any(ids for _, ids in self.citations()):
            raise ValueError("cite at least one source, in 'sources' or in a paragraph")
        return self

    def citations(self) -> list[tuple[str, list[str]]]:
        """Every place that names sources, as (field path, ids), in page order."""
        out = []
        for field in ("explanation", "instead"):
            for i, para in enumerate(paragraphs(getattr(self, field))):
                if cited(para):
                    out.append((f"{field}[{i}].sources", para.sources))
        return [*out, ("sources", self.sources)]


def cited(item) -> bool:
    """True for a step or paragraph that names its sources."""
    return isinstance(item, Cited)


def paragraphs(value) -> list:
    """A Paragraphs value as a list (a single text is one paragraph)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def wording(item) -> str:
    """The words of a step or paragraph, with or without sources."""
    return item.text if isinstance(item, Cited) else item


class ClaimList(Strict):
    claims: list[Claim] = Field(min_length=1)


# Which model validates which file: the schema export and the loader both read this.
SCHEMAS: dict[str, type[BaseModel]] = {
    "drill": Drill,
    "session": Session,
    "sources": SourceList,
    "benefits": ClaimList,
}
