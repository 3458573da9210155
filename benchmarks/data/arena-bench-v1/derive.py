#!/usr/bin/env python3
"""Derive a compact per-prompt score table from lmarena/arena-hard-auto "arena-bench-v1".

Usage:
  python3 derive.py MIRROR_GIT_DIR COMMIT [--out DIR] [--leaderboard LMARENA_MD]

  MIRROR_GIT_DIR  bare git dir of github.com/lmarena/arena-hard-auto
                  (e.g. /work/.mirror/lmarena+arena-hard-auto/repo)
  COMMIT          commit to read (4a705dd6963f777aba2ae79259e3013934e6e012 was used)
  --out           output directory (default: directory of this script)
  --leaderboard   optional: copy of CherryHQ/cherry-studio-docs other/model_rank/lmarena.md
                  (commit 5bc06d153bc24cbd2af8d2b768da7821b6ebdffb, reading of 2026-07-30);
                  if given, models.csv is (re)written from it using the fixed mapping below.

Stdlib only. Files are read with `git --git-dir=... show COMMIT:PATH`.
Output: arena-bench-v1.csv.gz (UTF-8, RFC 4180: CRLF rows, fields quoted when needed,
i.e. QUOTE_MINIMAL, so a missing score is a truly empty cell), gzip mtime fixed to 0
so the file is byte-reproducible. Per-model statistics are printed to stdout.
"""
import argparse
import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys

BENCH = "data/arena-bench-v1"


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir=" + gitdir, *args], check=True,
                          stdout=subprocess.PIPE).stdout


def show(gitdir, commit, path):
    return git(gitdir, "show", "%s:%s" % (commit, path)).decode("utf-8")


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load(gitdir, commit):
    questions = jsonl(show(gitdir, commit, BENCH + "/question.jsonl"))
    qids = [q["question_id"] for q in questions]
    assert len(set(qids)) == len(qids), "duplicate question_id in question.jsonl"
    files = git(gitdir, "ls-tree", "--name-only", commit, BENCH + "/model_judgment/").decode().split()
    files = sorted(f for f in files if f.endswith(".jsonl"))
    scores = {}      # model -> {qid: int or None}
    file_of = {}
    for f in files:
        rows = jsonl(show(gitdir, commit, f))
        models = {r["model"] for r in rows}
        assert len(models) == 1, (f, models)
        model = models.pop()
        assert model not in scores, ("model judged in two files", model, f)
        per_q = {}
        for r in rows:
            qid = r["question_id"]
            assert qid not in per_q, ("duplicate judgment", f, qid)
            s = r.get("score")
            if s is None or (isinstance(s, (int, float)) and s < 0):
                s = None                     # unparsed / invalid -> empty cell
            else:
                assert float(s).is_integer() and 1 <= s <= 10, (f, qid, s)
                s = int(s)                   # gpt-3.5-turbo file stores 10.0 etc.
            per_q[qid] = s
        unknown = set(per_q) - set(qids)
        assert not unknown, (f, "judged ids not in question.jsonl", sorted(unknown)[:5])
        scores[model] = per_q
        file_of[model] = f.rsplit("/", 1)[-1]
    return questions, scores, file_of


def model_order(scores):
    return sorted(scores, key=lambda m: m.lower())


def write_scores(out_dir, questions, scores):
    models = model_order(scores)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(["question_id", "category", "prompt"] + models)
    for q in questions:
        qid = q["question_id"]
        row = [qid, q["category"], q["turns"][0]]
        for m in models:
            s = scores[m].get(qid)
            row.append("" if s is None else str(s))
        w.writerow(row)
    path = os.path.join(out_dir, "arena-bench-v1.csv.gz")
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))
    return path, models


# ---- models.csv: fixed, hand-checked mapping to LMArena leaderboard names -------------
# value: (leaderboard model name or None, note)
ARENA_MAP = {
    "gpt-4-0314": ("gpt-4-0314", "exact name match"),
    "gpt-4-1106-preview": ("gpt-4-1106-preview",
        "exact name match (judgment file is named gpt-4-turbo.jsonl; its model field is gpt-4-1106-preview)"),
    "gpt-3.5-turbo": (None,
        "unversioned alias; answers generated 2023-09-23 (tstamp 1695503024) when the alias pointed to "
        "gpt-3.5-turbo-0613, which is NOT listed in the 2026-07-30 reading (only -0125 and -1106 are; "
        "neither used). Last seen in this file's history at cherry-studio-docs commit b0bde77541 "
        "(2025-10-01) as GPT-3.5-Turbo-0613 1145, 38,955 votes - older reading, not copied into the columns"),
    "gpt-3.5-turbo-1106": ("gpt-3.5-turbo-1106", "exact name match"),
    "claude-1": (None,
        "not listed in the 2026-07-30 reading. Last seen at cherry-studio-docs commit b0bde77541 "
        "(2025-10-01) as Claude-1 1178, 21,149 votes - older reading, not copied into the columns"),
    "claude-2.1": (None,
        "not listed in the 2026-07-30 reading. Last seen at cherry-studio-docs commit b0bde77541 "
        "(2025-10-01) as Claude-2.1 1146, 37,699 votes - older reading, not copied into the columns"),
    "claude-instant-1": (None,
        "not listed in the 2026-07-30 reading. Last seen at cherry-studio-docs commit b0bde77541 "
        "(2025-10-01) as Claude-Instant-1 1135, 20,631 votes - older reading, not copied into the columns"),
    "Llama-2-70b-chat": ("llama-2-70b-chat", "name match ignoring case"),
    "mistralai/Mistral-7B-Instruct-v0.1": ("mistral-7b-instruct",
        "AMBIGUOUS-ish: leaderboard entry has no version suffix; taken as v0.1 because v0.2 is listed "
        "separately (mistral-7b-instruct-v0.2, 1149) and v0.1 was the only release when the entry was added"),
    "mistralai/Mixtral-8x7B-Instruct-v0.1": ("mixtral-8x7b-instruct-v0.1", "name match ignoring case/org prefix"),
    "Starling-LM-7B-alpha": ("starling-lm-7b-alpha",
        "name match ignoring case (not starling-lm-7b-beta, 1171)"),
    "llama-13b": ("llama-13b",
        "exact name match; original LLaMA-1 13B (judgment file is arena-bench-judgment_judge_any.jsonl)"),
    "openchat_3.5": ("openchat-3.5",
        "underscore vs hyphen; the original openchat-3.5 (Nov 2023), not openchat-3.5-0106 (later release, also 1182)"),
    "palm-2-chat-bison-001": ("palm-2",
        "AMBIGUOUS-ish: leaderboard 'palm-2' is Chatbot Arena's PaLM 2 chat-bison entry; exact snapshot not stated in the table"),
    "vicuna-33b-v1.3": ("vicuna-33b",
        "leaderboard 'vicuna-33b' has no version suffix; v1.3 is the only released Vicuna-33B. "
        "Table price $0/$0 copied as given (no real API price)"),
}

ROW_RE = re.compile(r"^\|\s*(\d+)\s*\|\s*\d+\s*\|\s*(.+?)\s*\|\s*([^|]+?)\s*\|\s*([\d,]+)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$")
SUFFIXES = ["Anthropic · Proprietary", "OpenAI · Proprietary", "Google · Proprietary",
            "Meta · Llama 2 Community", "Meta · Non-commercial", "Mistral · Apache 2.0",
            "Mistral · Apache-2.0", "Apache-2.0", "Apache 2.0", "CC-BY-NC-4.0", "Non-commercial",
            "Llama 2 Community"]
PREFIXES = ["Anthropic", "Meta"]


def parse_leaderboard(md):
    entries = {}
    for line in md.splitlines():
        m = ROW_RE.match(line)
        if not m:
            continue
        rank, cell, score, votes, price, ctx = m.groups()
        entries[cell] = dict(rank=int(rank), cell=cell, score=score, votes=votes, price=price)
    return entries


def find_entry(entries, name):
    hits = []
    for cell, e in entries.items():
        c = cell
        for p in PREFIXES:
            if c.startswith(p + name):
                c = c[len(p):]
        if c.startswith(name) and c[len(name):] in SUFFIXES:
            hits.append(e)
    assert len(hits) <= 1, (name, hits)
    return hits[0] if hits else None


def write_models(out_dir, models, md_path, label):
    entries = parse_leaderboard(open(md_path, encoding="utf-8").read())
    rows = []
    for model in models:
        name, note = ARENA_MAP[model]
        score = votes = pin = pout = src = ""
        notes = [note]
        if name is not None:
            e = find_entry(entries, name)
            assert e is not None, ("mapped leaderboard entry not found", model, name)
            sm = re.match(r"^(\d+)±(\d+)(.*)$", e["score"])
            score = sm.group(1)
            votes = e["votes"].replace(",", "")
            notes.insert(0, "leaderboard entry '%s' rank %d, score %s (95%% CI)%s"
                         % (name, e["rank"], e["score"].replace(sm.group(3), ""),
                            (" " + sm.group(3)) if sm.group(3) else ""))
            pm = re.match(r"^\$([\d.]+)/\$([\d.]+)$", e["price"])
            if pm:
                pin, pout = pm.group(1), pm.group(2)
                src = label
            else:
                notes.append("price column says %s in the table: left empty" % e["price"])
        else:
            notes.append("arena_score, arena_votes and prices left empty (no entry in this reading)")
        rows.append([model, score, votes, pin, pout, src, "; ".join(notes)])
    path = os.path.join(out_dir, "models.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow(["model", "arena_score", "arena_votes", "input_price_per_million",
                    "output_price_per_million", "price_source", "notes"])
        w.writerows(rows)
    return path, rows


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mirror")
    ap.add_argument("commit")
    ap.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--leaderboard")
    ap.add_argument("--leaderboard-label",
                    default="LMArena text leaderboard reading 2026-07-30 via CherryHQ/cherry-studio-docs "
                            "other/model_rank/lmarena.md @5bc06d153bc24cbd2af8d2b768da7821b6ebdffb")
    a = ap.parse_args()
    questions, scores, file_of = load(a.mirror, a.commit)
    path, models = write_scores(a.out, questions, scores)
    print("wrote %s: %d rows x %d columns (%d models)" % (path, len(questions), 3 + len(models), len(models)))
    print("%-38s %-40s %6s %7s %6s" % ("model", "judgment file", "valid", "missing", "mean"))
    for m in models:
        vals = [scores[m][q["question_id"]] for q in questions if scores[m].get(q["question_id"]) is not None]
        print("%-38s %-40s %6d %7d %6.3f" % (m, file_of[m], len(vals), len(questions) - len(vals),
                                              sum(vals) / len(vals)))
    if a.leaderboard:
        p, rows = write_models(a.out, models, a.leaderboard, a.leaderboard_label)
        print("wrote %s (%d rows)" % (p, len(rows)))
        for r in rows:
            print(" | ".join(r[:6]))


if __name__ == "__main__":
    main()
