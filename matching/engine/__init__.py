"""Matching engine core: plain Python and numpy, no Django.

Entry points: `pipeline.Engine` (rank, rank_many, rank_candidates), `dataset.load_dataset`,
`fit` (refit weights.json), `encoder.get_encoder`, `cache`, `index`. Submodules import lazily:
importing this package does not load any model.
"""
