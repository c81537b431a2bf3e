"""Generate a realistic corpus of municipal web pages for benchmarks (deterministic: seeded).

    .venv/bin/python benchmarks/corpus.py OUT_DIR [--pages 200] [--seed 1]

Pages mix what real town sites publish — news, opening hours, council minutes, election
information, a Breton greeting, documents to download, "Lire la suite" lists, data tables — with
the usual mistakes in varying proportions, so every pack has work to do. The sentences are written
for inclusicheck (EUPL-1.2).
"""
from __future__ import annotations

import argparse
import random
from html import escape
from pathlib import Path

TOWNS = ["Saint-Herblon", "Plouzévédé", "Lanvollon", "Montaigu-la-Brisette", "Sainte-Colombe", "Villeneuve-d'Olt",
         "Bourg-Achard", "Castelnau-Montratier", "Ribeauvillé", "Porto-Vecchio", "Saint-Jean-Pied-de-Port"]
TITLES = ["Travaux rue de Brest", "Repas des aînés", "Collecte des déchets verts", "Inscriptions à la cantine",
          "Conseil municipal du 12 octobre", "Fermeture exceptionnelle de la mairie", "Fête de la musique",
          "Recensement de la population", "Nouveaux horaires de la médiathèque", "Élections municipales 2026",
          "Plan local d'urbanisme", "Forum des associations", "Vaccination antigrippale", "Marché de Noël"]
SIMPLE = [
    "La mairie est ouverte du lundi au vendredi.",
    "Vous pouvez venir avec vos enfants.",
    "Le marché a lieu le samedi matin sur la place de l'église.",
    "L'entrée est gratuite.",
    "Apportez une pièce d'identité.",
    "Le bus numéro 3 s'arrête devant la salle des fêtes.",
    "Appelez la mairie au 02 98 00 00 00.",
    "Les inscriptions sont ouvertes jusqu'au 30 novembre.",
]
COMPLEX = [
    "Conformément aux dispositions de l'article L. 2121-25 du code général des collectivités territoriales, le compte rendu de la séance est affiché en mairie dans un délai d'une semaine.",
    "Les travaux de réfection de la chaussée, qui avaient été initialement programmés pour le mois de septembre mais qui ont dû être reportés en raison des conditions météorologiques défavorables, débuteront finalement le 03/11/2026.",
    "Les usagers sont informés que la déchetterie intercommunale sera fermée le 11/11 ; les dépôts sauvages sont passibles d'une amende de 135 €.",
    "Il n'est pas impossible que la collecte ne soit pas assurée si les conteneurs ne sont pas sortis la veille au soir.",
    "Les habitants souhaitant bénéficier du dispositif doivent déposer leur dossier, accompagné des justificatifs requis, auprès du CCAS avant le 15/12/2026.",
    "La délibération a été adoptée à l'unanimité des membres présents ou représentés, soit 23 voix pour.",
    "Les électeurs sont convoqués le dimanche 15 mars 2026 afin de procéder à l'élection des conseillers municipaux et communautaires.",
    "Les citoyen·ne·s sont invité·e·s à consulter le registre mis à disposition à l'accueil de la mairie.",
    "Madame le maire et les élus vous présentent leurs meilleurs vœux pour l'année 2027.",
    "Le chef de famille doit remplir le formulaire et indiquer le nom de jeune fille de son épouse.",
]
BRETON = ["Degemer mat e ti-kêr.", "Bloavezh mat d'an holl !", "Digor eo ti-kêr eus al Lun d'ar Gwener."]
GENERIC_LINKS = ["Lire la suite", "En savoir plus", "Cliquez ici", "ici", "Voir"]
DOCS = ["compte-rendu-conseil.pdf", "bulletin-municipal.pdf", "reglement-cantine.docx", "plu-zonage.pdf"]


def page(rng: random.Random, n: int) -> str:
    town = rng.choice(TOWNS)
    quality = rng.random()  # 0: careless page, 1: careful page
    lang = ' lang="fr"' if quality > 0.2 else ""
    title = f"{rng.choice(TITLES)} – Mairie de {town}" if quality > 0.1 else ""
    body = [f'<header><img src="/logo.png" alt="{"Mairie de " + town if quality > 0.3 else ""}">',
            '<nav><ul><li><a href="/">Accueil</a></li><li><a href="/demarches">Démarches</a></li>'
            '<li><a href="/agenda">Agenda</a></li></ul></nav></header>', "<main>",
            f"<h1>{escape(rng.choice(TITLES))}</h1>"]
    if rng.random() < 0.3:
        attr = ' lang="br"' if quality > 0.5 else ""
        body.append(f"<p{attr}>{escape(rng.choice(BRETON))}</p>")
    for i in range(rng.randint(2, 6)):
        body.append(f"<h{2 if quality > 0.4 or i == 0 else 4}>{escape(rng.choice(TITLES))}</h{2 if quality > 0.4 or i == 0 else 4}>")
        for _ in range(rng.randint(1, 4)):
            pool = SIMPLE if rng.random() < quality else COMPLEX
            body.append(f"<p>{escape(' '.join(rng.sample(pool, rng.randint(1, 3))))}</p>")
        link_text = escape(rng.choice(TITLES)) if rng.random() < quality else rng.choice(GENERIC_LINKS)
        body.append(f'<p><a href="/actualites/{n}-{i}">{link_text}</a></p>')
    if rng.random() < 0.5:
        doc = rng.choice(DOCS)
        size = " (PDF, 240 Ko)" if quality > 0.5 else ""
        body.append(f'<p><a href="/documents/{doc}">Télécharger le document{size}</a></p>')
    if rng.random() < 0.3:
        rows = "".join(f"<tr><td>{d}</td><td>{h}</td></tr>" for d, h in
                       [("Lundi", "8 h 30 – 12 h"), ("Mercredi", "8 h 30 – 17 h"), ("Samedi", "9 h – 12 h")])
        head = "<tr><th scope=\"col\">Jour</th><th scope=\"col\">Horaires</th></tr>" if quality > 0.5 else ""
        body.append(f"<table>{head}{rows}</table>")
    body += ["</main>", f"<footer><p>Mairie de {escape(town)}</p></footer>"]
    doctype = "<!DOCTYPE html>\n" if quality > 0.15 else ""
    return (f'{doctype}<html{lang}>\n<head>\n<meta charset="utf-8">\n<title>{escape(title)}</title>\n</head>\n'
            f"<body>\n" + "\n".join(body) + "\n</body>\n</html>\n")


def generate(out: Path, pages: int = 200, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(pages):
        path = out / f"page-{n:04d}.html"
        path.write_text(page(rng, n), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"{len(generate(args.out, args.pages, args.seed))} pages written to {args.out}")
