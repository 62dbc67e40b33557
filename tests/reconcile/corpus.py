"""An invented corpus for reconciliation tests (our own words, not the seeds).

* ``visit``: a March 2024 visit to Seoul and a $3.1 billion howitzer contract.
* ``reprint``: a later near-verbatim reprint of ``visit`` that turns the amount
  into $1.3 billion (copy alteration; it adds no independent source).
* ``independent``: a separately written report of the same visit and contract.
* ``earlier``: a different visit by a different minister a year before.
* ``plot``: an embassy plot; ``blog``: commentary quoting four of its sentences.
* ``koreans_*``: three figures for South Koreans living in Poland.
* ``troops`` / ``denial``: one source reports a troop move, another denies it.
* ``brief``: the visit dated to a different day (a date contradiction).
* ``border``: an accusation and, next to it, the accused side's denial.
"""

from __future__ import annotations

from .builder import Doc

POL, KOR, BLR, RUS = "state:POL", "state:KOR", "state:BLR", "state:RUS"
WROBEL, LEE = "person:anna wrobel", "person:lee dae-ho"
NOWAK, PARK = "person:tomasz nowak", "person:park sung-min"

VISIT_TEXT = (
    "Polish defence minister Anna Wrobel arrived in Seoul on Monday for talks with her South "
    "Korean counterpart Lee Dae-ho. The two ministers signed a $3.1 billion contract for "
    "self-propelled howitzers, officials said. Deliveries of the first guns are planned for the "
    "autumn of next year, according to the ministry in Warsaw. Wrobel also toured a shipyard "
    "in Busan where submarine components are built for export customers. The howitzer "
    "contract, worth $3.1 billion, is the largest Polish arms purchase this year. Analysts in "
    "Warsaw expect a further agreement on ammunition production before the summer."
)


def visit() -> Doc:
    d = Doc(VISIT_TEXT, published="2024-03-06", title="Wrobel signs howitzer contract in Seoul",
            outlet="Harbour Post")
    d.event("CONSULT", "arrived in Seoul on Monday", [WROBEL], [LEE], date="2024-03-04",
            basis="relative")
    d.event("AGREE", "signed a $3.1 billion contract", [POL, KOR], [], date="2024-03-04",
            basis="relative", modality="reported",
            quantities=[(3.1e9, "USD", "exact", "$3.1 billion")], attributed=["org:officials"])
    d.event("AGREE", "The howitzer contract, worth $3.1 billion", [POL, KOR], [],
            date="2024", basis="explicit", quantities=[(3.1e9, "USD", "exact", "$3.1 billion")])
    return d


def reprint() -> Doc:
    altered = VISIT_TEXT.replace("$3.1 billion contract", "$1.3 billion contract")
    text = "By Jan Kowal\n\n" + altered + "\n\nPublished March 8, 2024."
    d = Doc(text, published="2024-03-08", title="Howitzer deal sealed", outlet="Daily Digest")
    d.event("CONSULT", "arrived in Seoul on Monday", [WROBEL], [LEE], date="2024-03-04",
            basis="relative")
    d.event("AGREE", "signed a $1.3 billion contract", [POL, KOR], [], date="2024-03-04",
            basis="relative", modality="reported",
            quantities=[(1.3e9, "USD", "exact", "$1.3 billion")], attributed=["org:officials"])
    return d


def independent() -> Doc:
    text = (
        "Seoul's arms industry won another large order from Warsaw this week. Lee Dae-ho "
        "received his Polish colleague at the defence ministry on March 4 and both sides put "
        "their names to a deal for artillery worth $3.1 billion. Polish crews will train with "
        "the new guns at a range near Torun. Critics in the Polish parliament questioned the "
        "pace of spending. A South Korean industry group welcomed the order as proof of "
        "growing exports."
    )
    d = Doc(text, published="2024-03-07", title="Warsaw orders more guns", outlet="Korea Ledger")
    d.event("CONSULT", "received his Polish colleague", [LEE], [WROBEL], date="2024-03-04")
    d.event("AGREE", "put their names to a deal", [KOR, POL], [], date="2024-03-04",
            quantities=[(3.1e9, "USD", "exact", "$3.1 billion")])
    return d


def earlier() -> Doc:
    text = (
        "Then defence minister Tomasz Nowak landed in Seoul on Tuesday to meet Park Sung-min, "
        "his South Korean opposite number. The talks covered rocket artillery and spare parts. "
        "Nowak did not sign any contract during the stay. He returned to Warsaw on Thursday "
        "evening after visiting a test range."
    )
    d = Doc(text, published="2023-04-12", title="Nowak in Seoul", outlet="Harbour Post")
    d.event("CONSULT", "landed in Seoul on Tuesday", [NOWAK], [PARK], date="2023-04-11",
            basis="relative")
    return d


PLOT_SENTENCES = [
    "Counter-intelligence officers in Poland have broken up a plan to attack the South Korean "
    "consulate in Gdansk.",
    "Three men were detained in dawn raids in Gdansk and Olsztyn last month.",
    "Investigators say one of the men took cash from a contact linked to the Belarusian "
    "security service.",
    "Prosecutors have charged all three with preparing a terrorist act.",
]


def plot() -> Doc:
    text = " ".join(PLOT_SENTENCES) + (
        " Polish officials accused Belarus of sponsoring the group. The consulate stayed open "
        "throughout the operation.")
    d = Doc(text, published="2023-11-20", title="Consulate plot foiled", outlet="Baltic Wire")
    d.event("ACCUSE", "accused Belarus of sponsoring", [POL], [BLR], date="2023-11",
            basis="publication")
    return d


def blog() -> Doc:
    text = (
        "WHO IS REALLY BEHIND THE GDANSK PLOT?\n\n"
        "Regular readers know I have warned about this for years. The mainstream press finally "
        "noticed something. Here is what the wire reported:\n\n"
        + " ".join(s.upper() if i == 0 else s for i, s in enumerate(PLOT_SENTENCES)) + "\n\n"
        "My view is simple. Nobody in the capital wants to talk about the border. The government "
        "prefers press conferences to real answers. Ask yourself who profits from the fear. "
        "Ask yourself why the raids happened now. I will keep digging and report back next week. "
        "Share this post if you agree with me."
    )
    return Doc(text, published="2023-11-23", title="WHO IS REALLY BEHIND THE GDANSK PLOT?",
               source="https://blog.example.org/gdansk-plot")


def koreans_about() -> Doc:
    text = ("About 3,000 South Koreans live in Poland, most of them employed by Korean firms. "
            "The community has grown since the first factories opened near Wroclaw. "
            "A Korean school opened in Warsaw two years ago.")
    d = Doc(text, published="2023-12-02", title="Korean community", outlet="Baltic Wire")
    d.claim(KOR, "population_in_poland", 3000, "people", "about", "About 3,000 South Koreans")
    return d


def koreans_up_to() -> Doc:
    text = ("The embassy estimates that up to 5,000 South Koreans live in Poland. Many work in "
            "battery plants in Lower Silesia. Their number depends on how seasonal staff are "
            "counted.")
    d = Doc(text, published="2024-01", title="Battery towns", outlet="Policy Notes")
    d.claim(KOR, "population_in_poland", 5000, "people", "up_to", "up to 5,000 South Koreans")
    return d


def koreans_many() -> Doc:
    text = ("A consular official said some 12,000 South Koreans now live in Poland. The "
            "official spoke at a trade fair in Katowice. Korean investment in Poland keeps "
            "rising, the official added.")
    d = Doc(text, published="2024-01-15", title="Trade fair", outlet="Silesia Today")
    d.claim(KOR, "population_in_poland", 12000, "people", "exact", "12,000 South Koreans")
    return d


def troops() -> Doc:
    text = ("Russia moved additional troops to the Belarus border this year, Lithuanian "
            "officials said. The units arrived by rail in the autumn. Satellite pictures showed "
            "new tents near the frontier.")
    d = Doc(text, published="2023-12-05", title="Troops on the move", outlet="Nordic Review")
    d.event("MOBILIZE", "moved additional troops", [RUS], [], date="2023", basis="relative",
            modality="reported", attributed=["org:lithuanian officials"])
    return d


def denial() -> Doc:
    text = ("Moscow denied reports that it had moved troops to the Belarus border last year. "
            "A spokesman called the reports invented. Western governments did not comment.")
    d = Doc(text, published="2024-01-15", title="Moscow denies", outlet="Silesia Today")
    d.event("MOBILIZE", "denied reports that it had moved troops", [RUS], [], date="2023",
            basis="relative", modality="denied", attributed=[RUS])
    return d


def brief() -> Doc:
    text = ("In brief: Polish defence minister Anna Wrobel arrived in Seoul on Tuesday for talks "
            "with her South Korean counterpart Lee Dae-ho. Other news follows below. Markets "
            "were calm in Warsaw on the day.")
    d = Doc(text, published="2024-03-09", title="Briefs", outlet="Evening Bulletin")
    d.event("CONSULT", "arrived in Seoul on Tuesday", [WROBEL], [LEE], date="2024-03-05",
            basis="relative")
    return d


def border() -> Doc:
    text = ("Minsk accused Warsaw of flying drones over the border near Grodno. "
            "The Polish defence ministry said no Polish aircraft had crossed the line. "
            "Both sides added guards along the fence.")
    d = Doc(text, published="2023-09-14", title="Drone row", outlet="Baltic Wire")
    d.event("ACCUSE", "accused Warsaw of flying drones", [BLR], [POL], date="2023-09",
            basis="publication")
    d.event("ASSAULT", "no Polish aircraft had crossed", [POL], [BLR], date="2023-09",
            basis="publication", modality="negated", attributed=["org:pol defence ministry"])
    return d


def all_docs() -> list[Doc]:
    return [visit(), reprint(), independent(), earlier(), plot(), blog(), koreans_about(),
            koreans_up_to(), koreans_many(), troops(), denial(), brief(), border()]
