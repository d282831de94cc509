package awsdata

import "testing"

// LookupRegion agrees with KnownRegion, PartitionOfRegion and SESRegion.
func TestLookupRegionAgrees(t *testing.T) {
	regions := []string{"", "*", "us-east-1x", "US-EAST-1", "aws-global", "us-gov-east-9", "eusc-de-west-1"}
	for _, p := range partitions {
		regions = append(regions, p.Regions...)
		regions = append(regions, p.SESRegions...)
		regions = append(regions, p.GlobalRegion)
	}
	for _, r := range regions {
		id, ses, ok := LookupRegion(r)
		if ok != KnownRegion(r) {
			t.Errorf("%q: ok %v, KnownRegion %v", r, ok, KnownRegion(r))
			continue
		}
		if !ok {
			continue
		}
		p, _ := PartitionOfRegion(r)
		if id != p.ID || ses != SESRegion(p.ID, r) {
			t.Errorf("%q: got %q %v, want %q %v", r, id, ses, p.ID, SESRegion(p.ID, r))
		}
	}
}
