"""Short free-text comments that match their touchpoint and score; sparse on purpose, so responses.csv stays small.

Each comment costs the generator the same two draws whatever its wording (one to decide whether the respondent
writes, one to pick the words), so richer wording leaves every other column of the sample unchanged.
"""

from __future__ import annotations

import random

COMMENT_SHARE = 0.03
# During the DACH support incident unhappy customers write far more often.
INCIDENT_COMMENT_SHARE = 0.3

# Openers and closers per tier (promoter, passive, detractor), so the tone of the whole comment matches the score.
OPENERS = (
    ("", "Honestly, ", "Overall ", "This time "),
    ("", "To be fair, ", "Overall ", "Mostly "),
    ("", "Honestly, ", "This time ", "Once again "),
)
CLOSERS = (
    ("", " Thanks.", " Keep it up.", " Would recommend."),
    ("", " Could be better.", " Please pass this on.", " Not bad."),
    ("", " Please fix this.", " Very disappointing.", " Thinking about leaving."),
)

# Per touchpoint: (promoter, passive, detractor) sentences. Themes recur across touchpoints in varied words
# (waiting, billing errors, the app, setup guides, prices, helpful staff, checkout, finding things).
BANK: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "AW_WEB": (
        ("the website made it easy to find what I needed.", "clear pricing on the website, easy to compare."),
        ("the website is fine but the search could be better.", "finding the right plan on the site took a while."),
        ("I could not find the pricing anywhere on the website.", "the site search never finds anything useful."),
    ),
    "AW_EVENT": (
        ("the webinar was excellent and the speakers were helpful.", "great event, friendly team and useful demos."),
        ("the webinar was ok but too much of a sales pitch.", "decent event, the recording came late."),
        ("the webinar kept dropping and nobody followed up.", "the event was a sales pitch with no real answers."),
    ),
    "PU_QUOTE": (
        ("the quote arrived the same day and was easy to follow.", "the sales rep was helpful and quick."),
        ("the quote was fine but took a few days.", "reasonable proposal, the price needed some explaining."),
        ("the quote took two weeks and the price was wrong.", "I had to chase the sales team three times for a quote."),
    ),
    "PU_CHECKOUT": (
        ("checkout was quick and the card payment went through first time.", "smooth checkout, no surprises."),
        ("checkout works but asks for too many details.", "payment was fine, the confirmation email came late."),
        ("checkout failed twice and my card was charged anyway.", "the payment page kept timing out at checkout."),
    ),
    "ON_SETUP": (
        ("setup was simple and the guide was spot on.", "account setup took ten minutes, great guide."),
        ("setup worked in the end but the guide is long.", "some steps in the setup documentation are unclear."),
        ("setup was confusing and the guide was out of date.", "the setup documentation is wrong and nobody helped."),
    ),
    "ON_TRAINING": (
        ("the onboarding training was practical and the trainer was friendly.", "very helpful training session."),
        ("training was useful but could be shorter.", "the training covered the basics, not our setup."),
        ("the training was generic and did not cover our setup.", "training was cancelled twice with no notice."),
    ),
    "US_APP": (
        ("the app is really easy to use.", "the new app update is fast and looks great."),
        ("the app is fine, login sometimes takes a while.", "good app, a few features are hard to find."),
        ("the app crashes every time I open an invoice.", "since the update the app keeps logging me out."),
    ),
    "US_PORTAL": (
        ("the portal has everything in one place.", "easy to find my documents in the portal."),
        ("the portal works but it is slow to load.", "the portal is ok, the search could be better."),
        ("the portal is slow and I cannot find anything.", "the portal login fails half the time."),
    ),
    "US_BILLING": (
        ("the invoice was clear and correct.", "billing is simple and the refund came quickly."),
        ("the invoice is correct but hard to read.", "billing is fine, the invoice layout is confusing."),
        ("the invoice was wrong again and I was charged twice.", "still waiting for a refund after a billing error."),
    ),
    "SU_PHONE": (
        ("the agent on the phone was friendly and solved it in one call.", "quick answer on the phone, helpful staff."),
        ("the phone agent was nice but I was on hold for a while.", "solved in the end, after a long hold."),
        ("waited on hold for ages and the call dropped.", "I had to explain my problem three times on the phone."),
    ),
    "SU_CHAT": (
        ("the chat agent was friendly and fixed it in minutes.", "fast chat support, very helpful."),
        ("chat was ok but the agent had to ask a colleague.", "the chat bot is useless but the agent was fine."),
        ("the chat queue took forever and then closed my session.", "the chat agent kept sending me help articles."),
    ),
    "SU_SELF": (
        ("the help centre article answered my question straight away.", "great help centre, easy to search."),
        ("the help centre is ok but some articles are out of date.", "found the answer, eventually."),
        ("help centre articles are out of date, I could not reach anyone.", "the help centre search is useless."),
    ),
    "RE_RENEWAL": (
        ("renewal was easy and the discount was fair.", "smooth contract renewal, helpful account team."),
        ("the renewal was fine but the price went up.", "renewal took longer than expected."),
        ("prices went up at renewal, the service did not improve.", "the renewal contract had terms nobody explained."),
    ),
    "RE_ACCOUNT": (
        ("the account review was useful and the manager knows our business.", "helpful review, clear next steps."),
        ("the review was fine but a bit generic.", "useful review, the follow-up was slow."),
        ("the account review was a sales pitch and nobody followed up.", "our account manager changed again."),
    ),
}

INCIDENT: dict[str, tuple[str, ...]] = {
    "SU_PHONE": (
        "Waited over 40 minutes on the phone before anyone answered.",
        "Still waiting for a call back after a week.",
        "Waiting times on the phone are unacceptable, I gave up after an hour.",
    ),
    "SU_CHAT": (
        "The chat queue said 35 minutes and then dropped me.",
        "Waiting over an hour in the chat queue for a simple question.",
        "My chat was closed without an answer, still waiting for a reply.",
    ),
    "SU_SELF": (
        "The help centre had no answer and my ticket has been open for ten days.",
        "Could not reach anyone from the help centre, still waiting for a reply to my ticket.",
        "Support queue is far too long at the moment, the help centre does not help.",
    ),
}


def _pick(u: float, sentences: tuple[str, ...], tier: int) -> str:
    """One uniform draw picks opener, sentence and closer together (mixed radix), so wording varies at no cost."""
    openers, closers = OPENERS[tier], CLOSERS[tier]
    size = len(openers) * len(sentences) * len(closers)
    index = min(int(u * size), size - 1)
    opener, rest = divmod(index, len(sentences) * len(closers))
    sentence, closer = divmod(rest, len(closers))
    text = openers[opener] + sentences[sentence]
    return text[0].upper() + text[1:] + closers[closer]


def comment_for(rng: random.Random, nps: int, incident_support: bool, touchpoint: str = "SU_PHONE") -> str:
    """A comment matching the touchpoint and the score, or "" for the many respondents who write nothing."""
    if incident_support and nps <= 6:
        if rng.random() >= INCIDENT_COMMENT_SHARE:
            return ""
        options = INCIDENT.get(touchpoint, INCIDENT["SU_PHONE"])
        return options[min(int(rng.random() * len(options)), len(options) - 1)]
    if rng.random() >= COMMENT_SHARE:
        return ""
    tier = 0 if nps >= 9 else 1 if nps >= 7 else 2
    return _pick(rng.random(), BANK[touchpoint][tier], tier)
