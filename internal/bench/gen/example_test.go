package gen

import "testing"

// TestExampleOutOfRange: a size the generator never writes is refused at
// once instead of searched for ever.
func TestExampleOutOfRange(t *testing.T) {
	for _, size := range []int{0, 100, 6000} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Example(%d) returned; want a panic", size)
				}
			}()
			Example(size, "")
		}()
	}
	for _, size := range []int{exampleMin, exampleMax} {
		if f := Example(size, ""); len(f.Text) < size*9/10 || len(f.Text) > size*11/10 {
			t.Errorf("Example(%d) is %d bytes", size, len(f.Text))
		}
	}
}
