"""Multi-word triggers: the lemmas of consecutive tokens ("set fire", "state of emergency")."""

from __future__ import annotations

from geomap.events.acled import BATTLES, EXPLOSIONS, PROTESTS, RIOTS, SD, VAC, Trigger

#: multi-word triggers: lemmas of consecutive tokens (a None slot matches any one token)
PHRASES: dict[tuple[str | None, ...], Trigger] = {
    ("set", "fire"): Trigger(RIOTS, "Violent demonstration", 0.75, contextual=True),
    ("set", None, "on", "fire"): Trigger(RIOTS, "Violent demonstration", 0.75, contextual=True),
    ("open", "fire"): Trigger(BATTLES, "Armed clash", 0.75, contextual=True),
    ("break", "into"): Trigger(RIOTS, "Violent demonstration", 0.7, contextual=True),
    ("air", "strike"): Trigger(EXPLOSIONS, "Air/drone strike", 0.85),
    ("drone", "strike"): Trigger(EXPLOSIONS, "Air/drone strike", 0.85),
    ("air", "raid"): Trigger(EXPLOSIONS, "Air/drone strike", 0.85),
    ("suicide", "bomber"): Trigger(EXPLOSIONS, "Suicide bomb", 0.85),
    ("suicide", "bombing"): Trigger(EXPLOSIONS, "Suicide bomb", 0.85),
    ("suicide", "attack"): Trigger(EXPLOSIONS, "Suicide bomb", 0.8),
    ("car", "bomb"): Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.85),
    ("roadside", "bomb"): Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.85),
    ("tear", "gas"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("state", "of", "emergency"): Trigger(SD, "Other", 0.8),
    ("martial", "law"): Trigger(SD, "Other", 0.8),
    ("take", "control"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.6, contextual=True
    ),
    ("take", "full", "control"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.6, contextual=True
    ),
    ("take", "the", "control"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.6, contextual=True
    ),
    ("take", "into", "custody"): Trigger(SD, "Arrests", 0.75),
    ("peace", "agreement"): Trigger(SD, "Agreement", 0.75),
    ("peace", "deal"): Trigger(SD, "Agreement", 0.75),
    ("hunger", "strike"): Trigger(PROTESTS, "Peaceful protest", 0.7),
    ("attempt", "to", "enter"): Trigger(RIOTS, "Violent demonstration", 0.55, contextual=True),
    ("try", "to", "enter"): Trigger(RIOTS, "Violent demonstration", 0.55, contextual=True),
    ("apply", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("appeal", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("arrive", "in"): Trigger(SD, "Other", 0.45, contextual=True),
    ("transfer", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("deliver", "to"): Trigger(SD, "Other", 0.45, contextual=True),
    ("send", "troops"): Trigger(SD, "Other", 0.6),
    ("nerve", "agent"): Trigger(EXPLOSIONS, "Chemical weapon", 0.95),
    ("mustard", "gas"): Trigger(EXPLOSIONS, "Chemical weapon", 0.95),
    ("gas", "attack"): Trigger(EXPLOSIONS, "Chemical weapon", 0.9),
    ("poison", "gas"): Trigger(EXPLOSIONS, "Chemical weapon", 0.95),
    ("blow", "himself", "up"): Trigger(EXPLOSIONS, "Suicide bomb", 0.9),
    ("blow", "herself", "up"): Trigger(EXPLOSIONS, "Suicide bomb", 0.9),
    ("blow", "themselves", "up"): Trigger(EXPLOSIONS, "Suicide bomb", 0.9),
    ("suicide", "vest"): Trigger(EXPLOSIONS, "Suicide bomb", 0.9),
    ("suicide", "car"): Trigger(EXPLOSIONS, "Suicide bomb", 0.9),
    ("explosive", "device"): Trigger(EXPLOSIONS, "Remote explosive/landmine/IED", 0.8),
    ("hand", "grenade"): Trigger(EXPLOSIONS, "Grenade", 0.9),
    ("throw", "a", "grenade"): Trigger(EXPLOSIONS, "Grenade", 0.9),
    ("shoot", "down"): Trigger(SD, "Disrupted weapons use", 0.8),
    ("set", "up", None, "base"): Trigger(SD, "Headquarters or base established", 0.8),
    ("set", "up", None, "camp"): Trigger(SD, "Headquarters or base established", 0.75),
    ("set", "up", None, "headquarters"): Trigger(SD, "Headquarters or base established", 0.8),
    ("military", "base"): Trigger(SD, "Headquarters or base established", 0.5, contextual=True),
    ("take", "over"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.55, contextual=True
    ),
    ("hand", "over"): Trigger(SD, "Non-violent transfer of territory", 0.55, contextual=True),
    ("pull", "out"): Trigger(SD, "Non-violent transfer of territory", 0.55, contextual=True),
    ("exchange", "of", "fire"): Trigger(BATTLES, "Armed clash", 0.8),
    ("exchange", "fire"): Trigger(BATTLES, "Armed clash", 0.8),
    ("water", "cannon"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("live", "ammunition"): Trigger(PROTESTS, "Excessive force against protesters", 0.45),
    ("sexual", "assault"): Trigger(VAC, "Sexual violence", 0.9),
    ("gang", "rape"): Trigger(VAC, "Sexual violence", 0.9),
    ("prisoner", "exchange"): Trigger(SD, "Agreement", 0.75),
    ("peace", "talk"): Trigger(SD, "Agreement", 0.55),
    ("cease", "-", "fire"): Trigger(SD, "Agreement", 0.7),
    ("observation", "post"): Trigger(SD, "Headquarters or base established", 0.6, contextual=True),
    ("observation", "point"): Trigger(SD, "Headquarters or base established", 0.6, contextual=True),
    ("military", "post"): Trigger(SD, "Headquarters or base established", 0.55, contextual=True),
    ("seize", "control"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.6, contextual=True
    ),
    ("gain", "control"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.6, contextual=True
    ),
    ("wrest", "control"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.6, contextual=True
    ),
    ("regain", "control"): Trigger(BATTLES, "Government regains territory", 0.65, contextual=True),
    ("establish", "control"): Trigger(
        BATTLES, "Government regains territory", 0.6, contextual=True
    ),
    ("drive", None, "out"): Trigger(BATTLES, "Government regains territory", 0.55, contextual=True),
    ("push", None, "out"): Trigger(BATTLES, "Government regains territory", 0.55, contextual=True),
    ("drive", "back"): Trigger(BATTLES, "Government regains territory", 0.55, contextual=True),
    ("push", "back"): Trigger(BATTLES, "Government regains territory", 0.5, contextual=True),
    ("pull", "back"): Trigger(SD, "Change to group/activity", 0.55),
    ("gun", "down"): Trigger(VAC, "Attack", 0.75, contextual=True),
    ("rubber", "bullet"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("pepper", "spray"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("take", "to", "the", "street"): Trigger(PROTESTS, "Peaceful protest", 0.7),
    ("pour", "into", "the", "street"): Trigger(PROTESTS, "Peaceful protest", 0.7),
    ("chemical", "attack"): Trigger(EXPLOSIONS, "Chemical weapon", 0.9),
    ("chemical", "weapon"): Trigger(EXPLOSIONS, "Chemical weapon", 0.85),
    ("poisonous", "gas"): Trigger(EXPLOSIONS, "Chemical weapon", 0.9),
    ("toxic", "gas"): Trigger(EXPLOSIONS, "Chemical weapon", 0.9),
    ("chlorine", "gas"): Trigger(EXPLOSIONS, "Chemical weapon", 0.95),
    ("sulfur", "mustard"): Trigger(EXPLOSIONS, "Chemical weapon", 0.95),
    ("sulphur", "mustard"): Trigger(EXPLOSIONS, "Chemical weapon", 0.95),
    ("barrel", "bomb"): Trigger(EXPLOSIONS, "Air/drone strike", 0.85),
    ("controlled", "explosion"): Trigger(SD, "Disrupted weapons use", 0.85),
    ("bomb", "disposal"): Trigger(SD, "Disrupted weapons use", 0.85),
    ("bomb", "squad"): Trigger(SD, "Disrupted weapons use", 0.6),
    ("mass", "grave"): Trigger(SD, "Other", 0.85),
    ("smoke", "grenade"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("stun", "grenade"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("flash", "grenade"): Trigger(PROTESTS, "Protest with intervention", 0.6),
    ("sexual", "violence"): Trigger(VAC, "Sexual violence", 0.85),
    ("sexual", "abuse"): Trigger(VAC, "Sexual violence", 0.85),
    ("mob", "violence"): Trigger(RIOTS, "Mob violence", 0.8),
    ("mob", "attack"): Trigger(RIOTS, "Mob violence", 0.8),
    ("sit", "-", "in"): Trigger(PROTESTS, "Peaceful protest", 0.7),
    ("die", "-", "in"): Trigger(PROTESTS, "Peaceful protest", 0.7),
    ("gain", "ground"): Trigger(
        BATTLES, "Non-state actor overtakes territory", 0.55, contextual=True
    ),
    ("push", "out"): Trigger(BATTLES, "Government regains territory", 0.55, contextual=True),
    ("drive", "out"): Trigger(BATTLES, "Government regains territory", 0.55, contextual=True),
    ("push", None, None, "out"): Trigger(
        BATTLES, "Government regains territory", 0.55, contextual=True
    ),
    ("push", None, None, None, "out"): Trigger(
        BATTLES, "Government regains territory", 0.55, contextual=True
    ),
    ("drive", None, None, "out"): Trigger(
        BATTLES, "Government regains territory", 0.55, contextual=True
    ),
    ("drive", None, None, None, "out"): Trigger(
        BATTLES, "Government regains territory", 0.55, contextual=True
    ),
}
