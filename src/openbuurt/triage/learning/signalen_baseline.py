"""Signalen's classification method, re-implemented from its description, as the baseline we must beat.

Source: ``Signalen/classification`` ``app/engine.py`` as summarised in ``docs/triage.md``: lower-case, non-word
characters to spaces, NLTK's Dutch Snowball stemmer (stop words left unstemmed), NLTK's Dutch stop words,
``CountVectorizer`` → ``TfidfTransformer`` → ``LogisticRegression`` with an L1 penalty (liblinear), chosen by
``GridSearchCV(cv=5)`` over class_weight {None, balanced}, max_iter {300, 500}, use_idf {False} and n-grams
{(1,1), (1,2)}. Training drops duplicate texts and keeps only labels with more than 50 examples.

Two unavoidable adaptations: scikit-learn ≥ 1.8 no longer lets liblinear fit several classes at once, so the
one-vs-rest scheme that scikit-learn 1.0 applied implicitly is made explicit (``OneVsRestClassifier``); and NLTK's
stop-word list is a separate download (no network here), so the list it ships (the Snowball Dutch list) is
written out below. The stemmer itself is NLTK's, imported when the baseline runs.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline

from openbuurt.triage.learning.data import DataError, LabelledExample


def _split_words(text: str) -> list[str]:
    """Return the whitespace-separated words of a word list written as a block of text."""
    return text.split()


# NLTK's stopwords.words("dutch"): the Snowball project's Dutch stop list (101 words).
DUTCH_STOP_WORDS = tuple(
    _split_words(
        """
    de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om hem dan zou of
    wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb hoe heeft hebben deze u
    want nog zal me zij nu ge geen omdat iets worden toch al waren veel meer doen toen moet ben zonder kan hun
    dus alles onder ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets
    uw iemand geweest andere
    """
    )
)
PARAMETER_GRID: dict[str, list[Any]] = {
    "clf__estimator__class_weight": [None, "balanced"],
    "clf__estimator__max_iter": [300, 500],
    "tfidf__use_idf": [False],
    "vect__ngram_range": [(1, 1), (1, 2)],
}
FAST_GRID: dict[str, list[Any]] = {
    "clf__estimator__class_weight": [None],
    "clf__estimator__max_iter": [300],
    "tfidf__use_idf": [False],
    "vect__ngram_range": [(1, 1)],
}
MIN_EXAMPLES_PER_LABEL = 51
_NON_WORD = re.compile(r"\W")


class BaselineUnavailableError(RuntimeError):
    """Raised when NLTK (for the Dutch Snowball stemmer) is not installed."""


def _stemmer() -> Callable[[str], str]:
    try:
        from nltk.stem.snowball import DutchStemmer
    except ImportError:
        raise BaselineUnavailableError(
            "the Signalen baseline needs NLTK's Dutch stemmer: install the development extras (pip install nltk)"
        ) from None
    stemmer = DutchStemmer()
    stop = frozenset(DUTCH_STOP_WORDS)

    def stem(word: str) -> str:
        # DutchStemmer(ignore_stopwords=True) leaves stop words as they are.
        return word if word in stop else str(stemmer.stem(word))

    return stem


class SignalenBaseline:
    """Fit and apply Signalen's method; the interface mirrors :class:`~.pipeline.TriageModel` where it matters."""

    def __init__(self, *, cv: int = 5) -> None:
        self.cv = cv
        stem = _stemmer()

        def preprocess(text: str) -> str:
            return " ".join(stem(word) for word in _NON_WORD.sub(" ", text.lower()).split())

        self._preprocess = preprocess
        self.search: GridSearchCV | None = None
        self.classes: list[str] = []
        self.dropped_labels: list[str] = []

    def fit(self, examples: Sequence[LabelledExample], grid: dict[str, list[Any]] | None = None) -> SignalenBaseline:
        """Drop duplicate texts and rare labels as Signalen does, then grid-search the pipeline.

        ``grid`` defaults to Signalen's "slow" grid (:data:`PARAMETER_GRID`); its "fast" grid is one combination.
        """
        seen: set[str] = set()
        unique: list[LabelledExample] = []
        for example in examples:
            if example.features.text not in seen:
                seen.add(example.features.text)
                unique.append(example)
        counts = Counter(example.label for example in unique)
        kept = [example for example in unique if counts[example.label] >= MIN_EXAMPLES_PER_LABEL]
        self.dropped_labels = sorted(label for label, count in counts.items() if count < MIN_EXAMPLES_PER_LABEL)
        if len({example.label for example in kept}) < 2:
            raise DataError("the Signalen method needs two labels with more than 50 distinct texts each")
        pipeline = Pipeline(
            [
                ("vect", CountVectorizer(preprocessor=self._preprocess, stop_words=list(DUTCH_STOP_WORDS))),
                ("tfidf", TfidfTransformer()),
                ("clf", OneVsRestClassifier(LogisticRegression(solver="liblinear", l1_ratio=1.0))),
            ]
        )
        self.search = GridSearchCV(pipeline, grid or PARAMETER_GRID, cv=self.cv, n_jobs=1)
        with warnings.catch_warnings():
            # The stop words are compared after stemming, as in Signalen; scikit-learn warns about exactly that.
            warnings.simplefilter("ignore", UserWarning)
            self.search.fit([e.features.text for e in kept], [e.label for e in kept])
        self.classes = [str(label) for label in self.search.classes_]
        return self

    @property
    def best_params(self) -> dict[str, Any]:
        assert self.search is not None
        return {
            key: (list(value) if isinstance(value, tuple) else value) for key, value in self.search.best_params_.items()
        }

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return one probability row per text (columns in :attr:`classes` order)."""
        if self.search is None:
            raise RuntimeError("the baseline is not fitted")
        result: np.ndarray = self.search.predict_proba(list(texts))
        return result
