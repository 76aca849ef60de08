package load

// chunks is a list built in blocks and joined once at the end. A slice
// grown by append for 3 million features was copied, and its fresh memory
// touched, a dozen times over (1.8 s of a 6.3 s load on this machine's
// virtual memory, and two copies alive at each growth); blocks are
// written once and copied once.
type chunks[T any] struct {
	full [][]T
	cur  []T
	n    int
}

// maxChunk is the size of the biggest block; the first ones are small,
// so a file of a few features costs a few slots.
const maxChunk = 1 << 15

func (c *chunks[T]) add(v T) {
	if len(c.cur) == cap(c.cur) {
		size := 16
		if c.cur != nil {
			c.full = append(c.full, c.cur)
			size = min(2*cap(c.cur), maxChunk)
		}
		c.cur = make([]T, 0, size)
	}
	c.cur = append(c.cur, v)
	c.n++
}

// take appends the items of o.
func (c *chunks[T]) take(o *chunks[T]) {
	if len(c.cur) > 0 {
		c.full = append(c.full, c.cur)
	}
	c.full = append(c.full, o.full...)
	c.cur = o.cur
	c.n += o.n
}

// slice joins the blocks into one slice of the exact length (nil when
// empty) and empties c.
func (c *chunks[T]) slice() []T {
	if c.n == 0 {
		return nil
	}
	out := make([]T, 0, c.n)
	for _, b := range c.full {
		out = append(out, b...)
	}
	out = append(out, c.cur...)
	*c = chunks[T]{}
	return out
}
