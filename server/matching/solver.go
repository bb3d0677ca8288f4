package matching

// This file is the core: successive shortest augmenting paths with potentials
// (Jonker–Volgenant / Crouse style) on a sparse candidate graph, mentors as
// capacitated nodes. It minimizes cost; callers turn scores into costs.
//
// Duals: a[i] for mentees, v[j] for mentors. For every candidate pair the
// reduced cost c[i][j] - a[i] - v[j] stays ≥ 0, matched pairs are tight,
// v[j] ≤ 0 with v[j] = 0 while mentor j has spare capacity, and a[i] ≤ u[i]
// (the cost of leaving mentee i unmatched) with equality when i is unmatched.

const unassigned = -1

// graph is the candidate pairs in compressed rows: the candidates of mentee i are
// mentor[start[i]:start[i+1]] with cost cost[start[i]:start[i+1]].
type graph struct {
	start  []int // int: the candidate pairs may outnumber int32 where mentees cannot
	mentor []int32
	cost   []int64
}

func (g *graph) numMentees() int { return len(g.start) - 1 }

// flow is the state of one solve.
type flow struct {
	g             *graph
	capacity      []int32
	unmatchedCost int64 // u: the same for every mentee

	match []int32   // mentee → mentor, unassigned when unmatched
	slots [][]int32 // mentor → its mentees
	a     []int64   // mentee potentials
	v     []int64   // mentor potentials

	// Dijkstra scratch, reset lazily by epoch.
	dist      []int64
	pred      []int32 // mentor → mentee it was reached from
	seenEpoch []int32
	doneEpoch []int32
	epoch     int32
	heap      idHeap
	finalized []int32 // mentors finalized in this search, with their distance
	reached   []int32 // mentees reached in this search
	reachDist []int64
}

func newFlow(g *graph, capacity []int32, unmatchedCost int64) *flow {
	n, m := g.numMentees(), len(capacity)
	f := &flow{
		g: g, capacity: capacity, unmatchedCost: unmatchedCost,
		match: make([]int32, n), slots: make([][]int32, m),
		a: make([]int64, n), v: make([]int64, m),
		dist: make([]int64, m), pred: make([]int32, m),
		seenEpoch: make([]int32, m), doneEpoch: make([]int32, m),
	}
	for i := range f.match {
		f.match[i] = unassigned
	}
	return f
}

// solve routes every mentee, one shortest augmenting path each.
func (f *flow) solve() {
	for s := range f.match {
		f.augment(int32(s))
	}
}

// augment routes mentee s (not yet routed) along a shortest path in reduced costs
// to either a mentor with spare capacity or some mentee on the path leaving to
// "unmatched", then updates the potentials so that reduced costs stay ≥ 0.
func (f *flow) augment(s int32) {
	g := f.g
	// Start s with the largest feasible potential.
	as := f.unmatchedCost
	for e := g.start[s]; e < g.start[s+1]; e++ {
		if c := g.cost[e] - f.v[g.mentor[e]]; c < as {
			as = c
		}
	}
	f.a[s] = as

	f.epoch++
	f.heap.reset()
	f.finalized = f.finalized[:0]
	f.reached = f.reached[:0]
	f.reachDist = f.reachDist[:0]

	best := int64(maxInt64) // cost of the best terminal found so far
	bestMentor, bestMentee := int32(unassigned), int32(unassigned)

	scan := func(k int32, dk int64) {
		f.reached = append(f.reached, k)
		f.reachDist = append(f.reachDist, dk)
		if t := dk + f.unmatchedCost - f.a[k]; t < best {
			best, bestMentee, bestMentor = t, k, unassigned
		}
		for e := g.start[k]; e < g.start[k+1]; e++ {
			j := g.mentor[e]
			if f.doneEpoch[j] == f.epoch || f.match[k] == j {
				continue
			}
			nd := dk + g.cost[e] - f.a[k] - f.v[j]
			if f.seenEpoch[j] != f.epoch || nd < f.dist[j] {
				f.seenEpoch[j] = f.epoch
				f.dist[j] = nd
				f.pred[j] = k
				f.heap.push(nd, j)
			}
		}
	}
	scan(s, 0)

	for f.heap.len() > 0 {
		d, j := f.heap.pop()
		if f.doneEpoch[j] == f.epoch || d != f.dist[j] {
			continue // stale entry
		}
		if d >= best {
			break
		}
		if int32(len(f.slots[j])) < f.capacity[j] {
			best, bestMentor, bestMentee = d, j, unassigned
			break
		}
		f.doneEpoch[j] = f.epoch
		f.finalized = append(f.finalized, j)
		// Matched pairs are tight, so j's mentees are reached at distance d.
		for _, k := range f.slots[j] {
			scan(k, d)
		}
	}

	// Potentials: everything settled closer than the terminal moves by the gap.
	for _, j := range f.finalized {
		f.v[j] -= best - f.dist[j]
	}
	for idx, k := range f.reached {
		if gap := best - f.reachDist[idx]; gap > 0 {
			f.a[k] += gap
		}
	}

	// Augment: walk back from the terminal, moving each mentee one step.
	var j int32
	if bestMentor != unassigned {
		j = bestMentor
	} else {
		k := bestMentee
		j = f.match[k]
		if j != unassigned {
			f.removeFromSlots(j, k)
		}
		f.match[k] = unassigned
		if k == s {
			return
		}
	}
	for {
		k := f.pred[j]
		prev := f.match[k]
		if prev != unassigned {
			f.removeFromSlots(prev, k)
		}
		f.match[k] = j
		f.slots[j] = append(f.slots[j], k)
		if k == s {
			return
		}
		j = prev
	}
}

func (f *flow) removeFromSlots(j, k int32) {
	list := f.slots[j]
	for i, x := range list {
		if x == k {
			list[i] = list[len(list)-1]
			f.slots[j] = list[:len(list)-1]
			return
		}
	}
}

const maxInt64 = 1<<63 - 1

// idHeap is a binary min-heap of (key, id): Dijkstra's queue of (distance,
// mentor) with lazy deletion, and the shortlists' weakest-kept-first heap.
type idHeap struct {
	d []int64
	j []int32
}

func (h *idHeap) reset()   { h.d, h.j = h.d[:0], h.j[:0] }
func (h *idHeap) len() int { return len(h.d) }

func (h *idHeap) push(d int64, j int32) {
	h.d = append(h.d, d)
	h.j = append(h.j, j)
	i := len(h.d) - 1
	for i > 0 {
		p := (i - 1) / 2
		if h.d[p] <= h.d[i] {
			break
		}
		h.d[p], h.d[i] = h.d[i], h.d[p]
		h.j[p], h.j[i] = h.j[i], h.j[p]
		i = p
	}
}

func (h *idHeap) pop() (int64, int32) {
	d, j := h.d[0], h.j[0]
	last := len(h.d) - 1
	h.d[0], h.j[0] = h.d[last], h.j[last]
	h.d, h.j = h.d[:last], h.j[:last]
	h.siftDown()
	return d, j
}

// replaceTop swaps the root for (d, j) and restores the heap.
func (h *idHeap) replaceTop(d int64, j int32) {
	h.d[0], h.j[0] = d, j
	h.siftDown()
}

func (h *idHeap) siftDown() {
	n := len(h.d)
	for i := 0; ; {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && h.d[r] < h.d[l] {
			c = r
		}
		if h.d[i] <= h.d[c] {
			return
		}
		h.d[i], h.d[c] = h.d[c], h.d[i]
		h.j[i], h.j[c] = h.j[c], h.j[i]
		i = c
	}
}
