"""Turning a report into numbers: hashed word and character n-grams of its text, plus time, channel and place.

Every text feature is hashed (scikit-learn's ``HashingVectorizer``), so a fitted model stores only bucket numbers
and weights: it holds no readable word of the texts it learned from. Term weights are sublinear TF-IDF, fitted
on the training texts; word and character blocks are each scaled to unit length. The other features are
one-hot tokens, also hashed: the channel (``src=website``), the hour of the day in three-hour blocks, weekday or
weekend, the month, a grid cell of about 1 km and 100 m around the location, and the area code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import LOCAL_TIME_ZONE

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_DIGITS = re.compile(r"\d+")
_PII_TOKEN = re.compile(r"\[(TEL|EMAIL|KENTEKEN|BSN|IBAN|NAAM)\]")


def normalize_text(text: str) -> str:
    """Lower-case, strip accents, and replace links, @-mentions, digit runs and PII tokens by fixed words.

    Digits become ``0`` so that house numbers and dates do not split the vocabulary; a masked phone number
    (``[TEL]``) becomes the word ``pii_tel`` in Dutch and English texts alike.
    """
    text = _PII_TOKEN.sub(lambda match: f" pii_{match.group(1).lower()} ", text)
    text = _URL.sub(" url_link ", text)
    text = _MENTION.sub(" at_mention ", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DIGITS.sub("0", text)


@dataclass(frozen=True)
class FeatureSpec:
    """The (hyper)parameters of the feature extraction; stored in every model file."""

    word_bits: int = 18
    char_bits: int = 18
    meta_bits: int = 12
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    meta_weight: float = 0.3
    use_time: bool = True
    use_source: bool = True
    use_location: bool = True
    use_area: bool = True

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeatureSpec:
        """Rebuild a spec from its JSON form; unknown keys are an error (a model from a newer version)."""
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown feature settings: {', '.join(sorted(unknown))}")
        values = dict(data)
        for key in ("word_ngrams", "char_ngrams"):
            if key in values:
                low, high = values[key]
                values[key] = (int(low), int(high))
        return cls(**values)

    @property
    def n_features(self) -> int:
        return (1 << self.word_bits) + (1 << self.char_bits) + (1 << self.meta_bits)


def meta_tokens(features: ReportFeatures, spec: FeatureSpec) -> list[str]:
    """Return the one-hot tokens for everything but the text."""
    tokens: list[str] = []
    if spec.use_source and features.source:
        tokens.append("src=" + features.source.strip().lower())
    if spec.use_time and features.created_at is not None:
        local = features.created_at.astimezone(LOCAL_TIME_ZONE)
        tokens.append(f"hour={local.hour // 3}")
        tokens.append("day=weekend" if local.weekday() >= 5 else "day=weekday")
        tokens.append(f"month={local.month}")
    if spec.use_location and features.lat is not None and features.lon is not None:
        tokens.append(f"cell2={features.lat:.2f},{features.lon:.2f}")
        tokens.append(f"cell3={features.lat:.3f},{features.lon:.3f}")
    if spec.use_area and features.area_code:
        tokens.append("area=" + features.area_code.strip().lower())
    return [token.replace(" ", "_") for token in tokens]


class FeatureEncoder:
    """Encodes reports as sparse rows: [word block | character block | other features].

    ``fit`` learns the inverse document frequencies of the hashed buckets; after that the encoder is fully
    described by its :class:`FeatureSpec` and the two IDF arrays, which is what a model file stores.
    """

    def __init__(self, spec: FeatureSpec, word_idf: np.ndarray | None = None, char_idf: np.ndarray | None = None):
        self.spec = spec
        self.word_idf = word_idf
        self.char_idf = char_idf
        self._words = HashingVectorizer(
            n_features=1 << spec.word_bits,
            ngram_range=spec.word_ngrams,
            token_pattern=r"(?u)\b\w+\b",  # noqa: S106 - a regular expression, not a password
            preprocessor=normalize_text,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )
        self._chars = HashingVectorizer(
            n_features=1 << spec.char_bits,
            analyzer="char_wb",
            ngram_range=spec.char_ngrams,
            preprocessor=normalize_text,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )
        self._meta = HashingVectorizer(
            n_features=1 << spec.meta_bits,
            analyzer=_identity_analyzer,
            alternate_sign=False,
            norm=None,
            dtype=np.float32,
        )

    @property
    def is_fitted(self) -> bool:
        return self.word_idf is not None and self.char_idf is not None

    def fit(self, batch: Sequence[ReportFeatures]) -> FeatureEncoder:
        """Learn the inverse document frequencies from the training reports."""
        texts = [features.text for features in batch]
        self.word_idf = _idf(self._words.transform(texts))
        self.char_idf = _idf(self._chars.transform(texts))
        return self

    def word_tokens(self, text: str) -> list[str]:
        """Return the word n-grams of ``text`` as the word block sees them (for explanations only)."""
        analyzer = self._words.build_analyzer()
        return [str(token) for token in analyzer(text)]

    def word_bucket(self, token: str) -> int:
        """Return the column of a word n-gram in the word block (scikit-learn's signed MurmurHash3, modulo)."""
        return abs(int(murmurhash3_32(token, seed=0, positive=False))) % (1 << self.spec.word_bits)

    def blocks(self, batch: Sequence[ReportFeatures]) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
        """Return the word, character and other-feature blocks separately (prediction multiplies them one by one)."""
        if self.word_idf is None or self.char_idf is None:
            raise RuntimeError("the feature encoder is not fitted")
        texts = [features.text for features in batch]
        words = _weighted(self._words.transform(texts), self.word_idf)
        chars = _weighted(self._chars.transform(texts), self.char_idf)
        tokens = [meta_tokens(features, self.spec) for features in batch]
        if any(tokens):
            meta = self._meta.transform(tokens)
            meta.data[:] = self.spec.meta_weight
        else:
            # A text-only model (the shipped default) skips the hashing call: it is most of a single prediction.
            meta = sp.csr_matrix((len(batch), 1 << self.spec.meta_bits), dtype=np.float32)
        return words, chars, meta

    def transform(self, batch: Sequence[ReportFeatures]) -> sp.csr_matrix:
        """Return one sparse row per report: [word block | character block | other features]."""
        return sp.hstack(self.blocks(batch), format="csr", dtype=np.float32)


def _identity_analyzer(tokens: list[str]) -> list[str]:
    return tokens


def _idf(counts: sp.csr_matrix) -> np.ndarray:
    """Smoothed inverse document frequency per bucket, as scikit-learn's TfidfTransformer computes it."""
    n_documents = counts.shape[0]
    document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf: np.ndarray = (np.log((1 + n_documents) / (1 + document_frequency)) + 1.0).astype(np.float32)
    return idf


def _weighted(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """Apply sublinear TF, IDF and row-wise L2 normalisation in place."""
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    lengths = np.diff(counts.indptr)
    rows = np.repeat(np.arange(counts.shape[0]), lengths)
    norms = np.sqrt(np.bincount(rows, weights=counts.data.astype(np.float64) ** 2, minlength=counts.shape[0]))
    norms[norms == 0] = 1.0
    counts.data /= np.repeat(norms, lengths).astype(np.float32)
    return counts
