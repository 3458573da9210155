#!/usr/bin/env python3
"""Derive /tmp/paraphrase/paws_wiki_devtest.tsv (label<TAB>sentence1<TAB>sentence2, no header)
from the PAWS-Wiki Labeled (Final) dev + test splits.

Source of the bytes: third-party mirror hoangdzung/simmat, commit 1f89f39a2a7138f3827a7746b74d25994f17d483,
files data/final/dev.tsv and data/final/test.tsv (unchanged PAWS files incl. header, CRLF line ends).
Licence of the data: google-research-datasets/paws LICENSE ("may be freely used for any purpose").

Cross-checks (run when the other mirrors are present):
  * GoogleCloudPlatform/dfcx-scrapi @ e316316ec85f6ed78b0a1c0be3770a7e3a85febd data/final/{val,test}.tsv
    (a positives-only PAWS subset): every row must equal the mirror's row with the same id.
  * Wikidepia/indonesian_datasets @ f19b665f7f439ba8dee0a43ecab5bb6e3da71173 paraphrase/paws/data/final/{dev,test}.tsv
    (Indonesian translation keeping PAWS ids + labels): labels must agree id-by-id.

Cleaning (deterministic, no sampling): keep every row of dev then test in file order, except
  - pairs whose two sentences are byte-identical (trivial; 4 of them are labelled 0 = label noise),
  - exact-duplicate (sentence1, sentence2) pairs: keep the first occurrence if all copies share a label,
    drop every copy if the copies disagree.
Text is written exactly as in PAWS (PTB-style tokenised, e.g. "Katz was born in 1947 .").
A sidecar paws_wiki_devtest.ids.tsv gives split<TAB>paws_id for each output line (same order).
"""
import collections
import subprocess
import sys
from pathlib import Path

MIRROR = Path("/work/.mirror")
SIMMAT = (MIRROR / "hoangdzung+simmat/repo", "1f89f39a2a7138f3827a7746b74d25994f17d483", "data/final/{split}.tsv")
SCRAPI = (MIRROR / "GoogleCloudPlatform+dfcx-scrapi/repo", "e316316ec85f6ed78b0a1c0be3770a7e3a85febd", "data/final/{split}.tsv")
WIKIDEPIA = (MIRROR / "Wikidepia+indonesian_datasets/repo", "f19b665f7f439ba8dee0a43ecab5bb6e3da71173", "paraphrase/paws/data/final/{split}.tsv")
OUT = Path("/tmp/paraphrase/paws_wiki_devtest.tsv")
OUT_IDS = Path("/tmp/paraphrase/paws_wiki_devtest.ids.tsv")


def git_show(src, split):
    repo, commit, pattern = src
    path = pattern.format(split=split)
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout.decode("utf-8")


def parse(text, has_header=True):
    lines = [l.rstrip("\r") for l in text.split("\n") if l.strip("\r")]
    if has_header:
        lines = lines[1:]
    return [l.split("\t") for l in lines]


def main():
    rows = []  # (split, id, s1, s2, label)
    for split in ("dev", "test"):
        text = git_show(SIMMAT, split)
        assert text.startswith("id\tsentence1\tsentence2\tlabel"), "unexpected header"
        recs = parse(text)
        assert len(recs) == 8000 and all(len(r) == 4 for r in recs), (split, len(recs))
        assert all(r[3] in ("0", "1") for r in recs)
        for r in recs:
            rows.append((split, r[0], r[1], r[2], int(r[3])))
        by_id = {r[0]: r for r in recs}

        # cross-check 1: positives-only subset in GoogleCloudPlatform/dfcx-scrapi (val.tsv == dev)
        if SCRAPI[0].exists():
            sc = parse(git_show(SCRAPI, "val" if split == "dev" else "test"))
            ok = sum(1 for r in sc if by_id[r[1]][1:] == [r[2], r[3], r[4]])
            print(f"[check] {split}: dfcx-scrapi rows identical to mirror: {ok}/{len(sc)}", file=sys.stderr)
            assert ok == len(sc)
        # cross-check 2: ids + labels in Wikidepia's Indonesian translation
        if WIKIDEPIA[0].exists():
            wi = parse(git_show(WIKIDEPIA, split))
            # last non-empty field is the label (7 test rows carry a stray quote/extra empty field)
            lab = {r[0]: [f for f in r[1:] if f != ""][-1] for r in wi}
            ok = sum(1 for k, r in by_id.items() if lab.get(k) == r[3])
            print(f"[check] {split}: Wikidepia id/label agreement: {ok}/{len(by_id)}", file=sys.stderr)
            assert ok == len(by_id)

    total = len(rows)
    identical = [r for r in rows if r[2] == r[3]]
    rows = [r for r in rows if r[2] != r[3]]
    groups = collections.defaultdict(list)
    for r in rows:
        groups[(r[2], r[3])].append(r[4])
    seen, kept, dropped_conflict, dropped_dupe = set(), [], 0, 0
    for r in rows:
        key = (r[2], r[3])
        if len(set(groups[key])) > 1:
            dropped_conflict += 1
            continue
        if key in seen:
            dropped_dupe += 1
            continue
        seen.add(key)
        kept.append(r)

    with OUT.open("w", encoding="utf-8", newline="\n") as f, OUT_IDS.open("w", encoding="utf-8", newline="\n") as g:
        for split, pid, s1, s2, lab in kept:
            assert "\t" not in s1 + s2 and "\n" not in s1 + s2
            f.write(f"{lab}\t{s1}\t{s2}\n")
            g.write(f"{split}\t{pid}\n")

    c = collections.Counter(r[4] for r in kept)
    print(f"input rows: {total} (dev 8000 + test 8000)")
    print(f"dropped identical-sentence pairs: {len(identical)} "
          f"(labels {dict(collections.Counter(r[4] for r in identical))})")
    print(f"dropped rows of duplicate pairs with conflicting labels: {dropped_conflict}")
    print(f"dropped repeated copies of consistent duplicate pairs: {dropped_dupe}")
    print(f"kept: {len(kept)}  label 1: {c[1]} ({c[1]/len(kept):.1%})  label 0: {c[0]} ({c[0]/len(kept):.1%})")


if __name__ == "__main__":
    main()
