package count

import (
	"container/heap"
	"slices"
)

// topN keeps the n largest partitions seen, in a min-heap of n entries, so
// that scanning any number of partitions takes memory for n.
type topN struct {
	n int
	h partHeap
}

func newTopN(n int) *topN { return &topN{n: n} }

func (t *topN) add(p Partition) {
	if t.n <= 0 {
		return
	}
	if len(t.h) < t.n {
		heap.Push(&t.h, p)
		return
	}
	if p.Rows > t.h[0].Rows {
		t.h[0] = p
		heap.Fix(&t.h, 0)
	}
}

// sorted returns the partitions kept, largest first.
func (t *topN) sorted() []Partition {
	out := slices.Clone(t.h)
	slices.SortStableFunc(out, func(a, b Partition) int {
		switch {
		case a.Rows > b.Rows:
			return -1
		case a.Rows < b.Rows:
			return 1
		}
		return 0
	})
	return out
}

type partHeap []Partition

func (h partHeap) Len() int           { return len(h) }
func (h partHeap) Less(i, j int) bool { return h[i].Rows < h[j].Rows }
func (h partHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *partHeap) Push(x any)        { *h = append(*h, x.(Partition)) }
func (h *partHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
