"""The learned triage pipeline: features, training, calibrated prediction, evaluation and versioned model files.

Production (``openbuurt triage train``, the ``learned`` classifier plugin) and evaluation
(``openbuurt triage evaluate``, the benchmarks) use the same code: :class:`~.pipeline.TriageModel`.
"""
