"""Beyond one machine: the ingest stages as a Ray Data pipeline, and copy keys shared by both.

``ingest_ray(paths, store)`` (``storylens ingest --engine ray [--address ADDR]``) runs read,
clean, band keys and embeddings on Ray workers with the functions the local ingest uses, finds
copies by grouping band keys, and loads the result into the store, which assigns stories as the
local ingest does. ``analyse_stories_ray(stories)`` analyses stories on Ray actors, each story
exactly as the local pipeline does. Ray is imported only when that path runs
(``pip install storylens[scale]``).
"""

from storylens.scale.ray_analysis import analyse_stories_ray
from storylens.scale.ray_ingest import ingest_ray

__all__ = ["analyse_stories_ray", "ingest_ray"]
