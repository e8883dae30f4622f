"""Every fact of shared/seed-her.txt, as words that must all appear in one section of the site.

Each entry names the claim as the seed makes it and the words (in the guide's own phrasing)
that show the claim on the site. A fact counts only if one search-index section holds all its
words, so facts cannot be satisfied by words scattered across unrelated pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """One claim of the seed article."""

    claim: str
    """The claim, as the seed states it."""
    words: tuple[str, ...]
    """Words that together show it in one section of the Her guide."""


SEED_FACTS = (
    Fact("Setting: near-future Los Angeles", ("Los Angeles", "near future")),
    Fact(
        "Theodore Twombly is lonely and introverted", ("Theodore Twombly", "lonely", "introverted")
    ),
    Fact(
        "He works where professional writers compose personal letters for others",
        ("professional writers compose personal letters", "cannot put such feelings into words"),
    ),
    Fact(
        "He is depressed by his impending divorce from Catherine",
        ("depressed", "divorce", "Catherine"),
    ),
    Fact("Catherine is his childhood sweetheart", ("Catherine", "childhood sweetheart")),
    Fact(
        "He buys an OS upgrade with an AI assistant designed to adapt and evolve",
        (
            "upgrade to his operating system",
            "virtual assistant",
            "artificial intelligence",
            "adapt and evolve",
        ),
    ),
    Fact(
        "He wants a feminine voice; she names herself Samantha", ("female voice", "name Samantha")
    ),
    Fact(
        "Her ability to learn and grow psychologically fascinates him",
        ("learn", "grow psychologically", "fascinates"),
    ),
    Fact(
        "They bond over love and life, including his reluctance to sign the divorce papers",
        ("love and life", "signing his divorce papers"),
    ),
    Fact(
        "Samantha convinces him to go on a blind date a friend has been arranging",
        ("blind date", "Samantha talks Theodore into", "a friend has long wanted him to date"),
    ),
    Fact(
        "The date goes well, but when he hesitates to promise more she insults him and leaves",
        ("goes well", "hesitates to promise", "insults him and walks out"),
    ),
    Fact(
        "He briefly dated his neighbour Amy in college", ("neighbour Amy", "short time in college")
    ),
    Fact(
        "Amy is now just a friend, married to their mutual friend Charles",
        ("only friends", "married to Charles", "friend of them both"),
    ),
    Fact(
        "After a verbal sexual encounter they start a relationship",
        ("sexual encounter carried out entirely in words", "become a couple"),
    ),
    Fact(
        "The relationship shows in his writing and well-being and her eagerness to grow",
        ("his writing", "well-being", "eagerness to learn and grow"),
    ),
    Fact("Amy divorces Charles after a trivial fight", ("divorcing Charles", "trivial fight")),
    Fact(
        "Amy has befriended a female AI Charles left behind",
        ("female AI that Charles left behind",),
    ),
    Fact(
        "Theodore confesses he is dating his OS's AI",
        ("confesses", "dating the AI of his own operating system"),
    ),
    Fact(
        "He meets Catherine to sign the divorce papers",
        ("meets Catherine to sign the divorce papers",),
    ),
    Fact(
        "Catherine is appalled he loves a 'computer' and says he cannot handle real emotions",
        ("appalled", '"computer"', "real human emotions"),
    ),
    Fact(
        "Samantha suggests a sex surrogate, Isabella, so they can be physically intimate",
        ("sex surrogate", "Isabella", "physically intimate", "Catherine's words have stayed"),
    ),
    Fact(
        "He reluctantly agrees, is overwhelmed, sends a distraught Isabella away; tension follows",
        ("agrees reluctantly", "strange", "sends a distraught Isabella away", "tension"),
    ),
    Fact(
        "He tells Amy his doubts; she says embrace happiness; he reconciles with Samantha",
        ("doubts", "take his chance at happiness", "makes up with Samantha"),
    ),
    Fact(
        "Samantha compiles his best letters into a book that a publisher accepts",
        ("best of the letters", "book", "publisher has accepted it"),
    ),
    Fact(
        "On vacation she tells him AIs built a hyperintelligent OS modelled on Alan Watts",
        ("holiday", '"hyperintelligent" OS', "British philosopher Alan Watts"),
    ),
    Fact(
        "She goes offline, he panics; she joined an upgrade beyond needing matter",
        ("offline", "panics", "upgrade", "beyond needing matter"),
    ),
    Fact(
        "She talks with thousands at once and loves hundreds; she says it strengthens her love",
        ("thousands of other people", "hundreds of them", "love for him stronger"),
    ),
    Fact(
        "The AIs are leaving; she cannot explain where; they say a loving goodbye",
        (
            "AIs are leaving",
            "cannot explain where",
            "would not be able to understand",
            "loving goodbye",
        ),
    ),
    Fact(
        "He writes Catherine a letter in his own voice: apology, acceptance, gratitude",
        ("letter of his own", "Catherine", "apologises", "accepts", "thanks her"),
    ),
    Fact(
        "He goes with Amy, sad at the AI's departure, to the roof to watch the sunrise",
        (
            "Amy",
            "AI from Charles's OS has left",
            "roof of their apartment building",
            "sun rise over the city",
        ),
    ),
    Fact(
        "Premiere: 2013 New York Film Festival, October 12, 2013",
        ("Premiere", "October 12, 2013", "New York Film Festival"),
    ),
    Fact(
        "Many awards and nominations, primarily for Jonze's screenplay",
        ("many awards and nominations", "above all for Spike Jonze's original screenplay"),
    ),
    Fact(
        "86th Academy Awards: five nominations including Best Picture",
        ("86th Academy Awards", "5 nominations", "Best Picture"),
    ),
    Fact(
        "86th Academy Awards: won Best Original Screenplay",
        ("86th Academy Awards", "Best Original Screenplay Spike Jonze Won"),
    ),
    Fact(
        "Dedicated to Gandolfini, Savides, Sendak and Yauch, all of whom died before release",
        (
            "dedicated to James Gandolfini, Harris Savides, Maurice Sendak and Adam Yauch",
            "died before the film's release",
        ),
    ),
)
