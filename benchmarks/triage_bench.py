"""Topic suggestion (issue 15): accuracy, macro-F1, confusion, latency.

    .venv/bin/python benchmarks/triage_bench.py [--folds 5]

1. Stratified k-fold cross-validation on the shipped corpus (tyndau/triage/data/corpus.csv)
   of our model (character n-grams, words and the meaning of the words), the same without
   the meaning features, and, side by side, other classifiers on the same features (linear SVM,
   logistic regression by lbfgs, complement naive Bayes) and two simpler feature sets: words
   only (no character n-grams, no normalisation) and characters without the normalisation
   (no Latin→Cyrillic, no Kazakh letter folding).
2. The hand-written held-out set (heldout.csv: other phrasing, never trained on), by the
   model trained on the whole corpus, per language and spelling.
3. Latency per appeal: one text at a time through the suggestion the clerk sees (topic,
   probabilities, explaining words), and the batch path of ``suggest_topic``.
4. With ``--quotes FILE`` (repeatable): top-1 and top-3 of ours on a tab-separated file of
   residents' texts with ``label`` and ``text`` columns (real quotes are kept outside the
   repository, see benchmarks/data/README.md), with each miss.
No database: the model is pure scikit-learn.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tyndau.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression, SGDClassifier  # noqa: E402
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.naive_bayes import ComplementNB  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from tyndau.triage import ml  # noqa: E402


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def words_only() -> Pipeline:
    return Pipeline(
        [
            ("features", TfidfVectorizer(token_pattern=ml.TOKEN, sublinear_tf=True)),
            (
                "classifier",
                SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=50, random_state=15),
            ),
        ]
    )


def chars_raw() -> Pipeline:
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    return Pipeline(
        [
            ("features", vec),
            (
                "classifier",
                SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=50, random_state=15),
            ),
        ]
    )


def same_features(classifier):
    """Our features (chars + words, normalised) under another classifier."""

    def make() -> Pipeline:
        features = ml.build_pipeline().named_steps["features"]
        return Pipeline([("features", features), ("classifier", classifier())])

    return make


CONTENDERS = {
    "ours (chars+words, normalised)": ml.build_pipeline,
    "ours without meaning": lambda: ml.build_pipeline(meaning=0),
    "ours without real priors": lambda: ml.build_pipeline(prior_strength=0),
    "same features, LinearSVC C=1": same_features(lambda: LinearSVC(C=1.0)),
    "same features, LogisticRegr C=10": same_features(
        lambda: LogisticRegression(C=10, max_iter=300)
    ),
    "same features, ComplementNB 0.3": same_features(lambda: ComplementNB(alpha=0.3)),
    "words only, not normalised": words_only,
    "chars only, not normalised": chars_raw,
}


def cross_validate(texts, topics, folds: int):
    texts, topics = np.array(texts, dtype=object), np.array(topics)
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=15)
    results = {}
    for name, make in CONTENDERS.items():
        predicted = np.empty_like(topics)
        started = time.perf_counter()
        for train, test in split.split(texts, topics):
            model = make().fit(list(texts[train]), topics[train])
            predicted[test] = model.predict(list(texts[test]))
        results[name] = (predicted, time.perf_counter() - started)
    return topics, results


def corpus_parts() -> list[str]:
    """Which part of the corpus each appeal is from (``make_corpus.py``): short, narrative
    or vocabulary, so that a harder part added to the corpus is not read as a regression."""
    with ml.CORPUS.open(encoding="utf-8", newline="") as f:
        variants = [row["variant"] for row in csv.DictReader(f)]
    named = ("narrative", "vocabulary", "reported", "boundary", "whole")
    return [next((n for n in named if n in v), "short") for v in variants]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--latency-only", action="store_true", help="skip parts 1 and 2")
    parser.add_argument("--quotes", action="append", default=[], help="label<TAB>text file")
    parser.add_argument("--quotes-only", action="store_true", help="only part 4")
    parser.add_argument(
        "--aggregate-only",
        action="store_true",
        help="part 4 prints figures only, never a text (a set measured once, unread)",
    )
    parser.add_argument(
        "--predictions",
        help="part 4 writes the quotes file's columns but the text, plus the prediction, here",
    )
    parser.add_argument("--column", default="predicted", help="the prediction column's name")
    parser.add_argument(
        "--ours-only",
        action="store_true",
        help="parts 1 and 2 for ours, without meaning and without priors only",
    )
    args = parser.parse_args()
    print(f"load average {load()} (machine shared)")
    texts, topics = ml.read_csv(ml.CORPUS)
    held_texts, held_topics = ml.read_csv(ml.HELDOUT)
    print(f"corpus {len(texts)} appeals, {len(set(topics))} topics; held-out {len(held_texts)}")

    if args.quotes_only:
        quotes(ml.build_pipeline().fit(texts, topics), args.quotes, args)
        return
    if args.latency_only:
        latency(ml.build_pipeline().fit(texts, topics), texts, held_texts)
        return
    print(f"\n1. {args.folds}-fold cross-validation on the corpus")
    if args.ours_only:
        for name in list(CONTENDERS)[3:]:
            del CONTENDERS[name]
    truth, results = cross_validate(texts, topics, args.folds)
    base = accuracy_score(truth, results["ours (chars+words, normalised)"][0])
    print(f"{'model':34} {'accuracy':>9} {'macro-F1':>9} {'vs ours':>8} {'train s':>8}")
    for name, (predicted, seconds) in results.items():
        acc = accuracy_score(truth, predicted)
        f1 = f1_score(truth, predicted, average="macro")
        print(f"{name:34} {acc:9.3f} {f1:9.3f} {acc / base:8.2f} {seconds:8.1f}", flush=True)
    ours = results["ours (chars+words, normalised)"][0]
    parts = corpus_parts()
    for part in dict.fromkeys(parts):
        idx = [i for i, p in enumerate(parts) if p == part]
        acc = np.mean([ours[i] == truth[i] for i in idx])
        print(f"  ours on the {part:10} part: {acc:.3f} of {len(idx)}")
    labels = sorted(set(topics))
    matrix = confusion_matrix(truth, ours, labels=labels)
    print("\nconfusion matrix of ours (rows: true topic, columns: predicted, in this order):")
    for i, label in enumerate(labels):
        print(f"  {i:2} {label:32} " + " ".join(f"{v:3d}" for v in matrix[i]))
    confused = Counter(
        {(labels[i], labels[j]): matrix[i, j] for i in range(len(labels))
         for j in range(len(labels)) if i != j and matrix[i, j]}
    )  # fmt: skip
    print("most confused:", ", ".join(f"{a}→{b} {n}" for (a, b), n in confused.most_common(5)))

    print("\n2. hand-written held-out set (different phrasing), trained on the whole corpus")
    print(f"{'model':34} {'accuracy':>9} {'macro-F1':>9} {'vs ours':>8}")
    trained = {name: make().fit(texts, topics) for name, make in CONTENDERS.items()}
    first = None
    for name, model in trained.items():
        predicted = model.predict(held_texts)
        acc = accuracy_score(held_topics, predicted)
        first = first or acc
        f1 = f1_score(held_topics, predicted, average="macro")
        print(f"{name:34} {acc:9.3f} {f1:9.3f} {acc / first:8.2f}")
    ours_model = trained["ours (chars+words, normalised)"]
    predicted = ours_model.predict(held_texts)
    latin = [all(ord(c) < 128 for c in t) for t in held_texts]
    for title, mask in (("Latin script", latin), ("Cyrillic", [not x for x in latin])):
        idx = [i for i, m in enumerate(mask) if m]
        acc = np.mean([predicted[i] == held_topics[i] for i in idx])
        print(f"  ours on {title:12}: {acc:.3f} of {len(idx)}")
    wrong = [(held_topics[i], predicted[i], held_texts[i]) for i in range(len(held_texts))
             if predicted[i] != held_topics[i]]  # fmt: skip
    for true, got, text in wrong:
        print(f"  miss: {true} → {got}: {text}")

    latency(ours_model, texts, held_texts)
    quotes(ours_model, args.quotes, args)


def quotes(model, paths: list[str], args=None) -> None:
    for path in paths:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        labels = [r["label"] for r in rows]
        probabilities = model.predict_proba([r["text"] for r in rows])
        classes = model.classes_
        ranked = [[classes[i] for i in np.argsort(p)[::-1][:3]] for p in probabilities]
        top1 = sum(r[0] == label for r, label in zip(ranked, labels, strict=True))
        top3 = sum(label in r for r, label in zip(ranked, labels, strict=True))
        n = len(rows)
        print(f"\n4. residents' texts {path}: top-1 {top1}/{n} = {top1 / n:.1%}, "
              f"top-3 {top3}/{n} = {top3 / n:.1%}")  # fmt: skip
        if "alt" in rows[0]:
            either = sum(
                r[0] in (row["label"], row["alt"]) for r, row in zip(ranked, rows, strict=True)
            )
            print(f"  label or second topic (alt) at top-1: {either}/{n} = {either / n:.1%}")
        for column in ("lang", "kind"):
            if column not in rows[0]:
                continue
            for value in sorted({row[column] for row in rows}):
                idx = [i for i, row in enumerate(rows) if row[column] == value]
                one = sum(ranked[i][0] == labels[i] for i in idx)
                three = sum(labels[i] in ranked[i] for i in idx)
                print(f"  {column} {value:7}: top-1 {one}/{len(idx)}, top-3 {three}/{len(idx)}")
        if args is not None and args.predictions:
            columns = [c for c in rows[0] if c != "text"]
            columns.insert(columns.index("url") if "url" in columns else len(columns), args.column)
            with open(args.predictions, "w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(
                    f, fieldnames=columns, delimiter="\t", extrasaction="ignore"
                )
                writer.writeheader()
                for r, row in zip(ranked, rows, strict=True):
                    writer.writerow({**row, args.column: r[0]})
            print(f"  predictions (no text) written to {args.predictions}")
        if args is not None and args.aggregate_only:
            continue
        for r, row in zip(ranked, rows, strict=True):
            if r[0] != row["label"]:
                print(f"  miss: {row['label']} → {r[0]} (then {r[1]}, {r[2]}): {row['text'][:100]}")


def latency(ours_model, texts, held_texts) -> None:
    print("\n3. latency per appeal (ours, trained on the whole corpus)")
    payload = {"pipeline": ours_model, "version": 0}
    sample = (held_texts * 4)[:500]
    ml.suggest(payload, sample[0])  # warm up
    timings = []
    cpu_started = time.process_time()
    for text in sample:
        started = time.perf_counter()
        ml.suggest(payload, text)
        timings.append((time.perf_counter() - started) * 1000)
    cpu_ms = (time.process_time() - cpu_started) / len(sample) * 1000
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(
        f"  one at a time with explanation: mean {statistics.mean(timings):.2f} ms, "
        f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms, "
        f"CPU {cpu_ms:.2f} ms ({len(sample)} texts)"
    )
    batch = (texts * 2)[:5000]
    started = time.perf_counter()
    ml.predict_codes(payload, batch)
    seconds = time.perf_counter() - started
    print(f"  batch (suggest_topic path): {len(batch)} texts in {seconds:.2f} s, "
          f"{seconds / len(batch) * 1000:.3f} ms per appeal")  # fmt: skip
    print(f"load average {load()} at the end")


if __name__ == "__main__":
    main()
