package awsdata

import (
	"regexp"
	"slices"
	"sync"
)

// Where the partition and Region table comes from.
const (
	PartitionsSource = "S12 (botocore partitions.json and endpoints.json); S13 (General Reference SES endpoints, corroboration)"
	PartitionsDate   = "2026-08-07 (endpoints.json; partitions.json last changed 2026-01-15)"
)

// PartitionInfo is one AWS partition. In an ARN the partition field is the
// ID. IAM ARNs leave the Region field empty (S12, S11).
type PartitionInfo struct {
	// ID is the partition name and ARN field: "aws", "aws-cn", ...
	ID string
	// RegionPattern is the partition's Region regular expression, as
	// partitions.json writes it.
	RegionPattern string
	// DNSSuffix and DualStackDNSSuffix are the endpoint domain suffixes.
	DNSSuffix          string
	DualStackDNSSuffix string
	// Regions lists the partition's Regions, sorted, without the global
	// pseudo-Region.
	Regions []string
	// GlobalRegion is the pseudo-Region for global endpoints
	// ("aws-global"), or "" when the data names none.
	GlobalRegion string
	// SESRegions lists the Regions with a non-deprecated SES ("email")
	// endpoint, sorted. It is empty for the partitions without SES.
	SESRegions []string
}

// MatchesRegionPattern reports whether region fits the partition's Region
// pattern; a Region AWS has not launched yet may fit it.
func (p PartitionInfo) MatchesRegionPattern(region string) bool {
	re := regionPatterns()[p.RegionPattern]
	return re != nil && re.MatchString(region)
}

// regionPatterns compiles the table's Region patterns on first use, not at
// init: only a Region that no partition lists needs them.
var regionPatterns = sync.OnceValue(func() map[string]*regexp.Regexp {
	m := make(map[string]*regexp.Regexp, len(partitions))
	for _, p := range partitions {
		m[p.RegionPattern] = regexp.MustCompile(p.RegionPattern)
	}
	return m
})

// partitions is S12's partition list, in the order partitions.json uses. The
// IAM User Guide of 2023 (S11) names only aws, aws-cn and aws-us-gov; the SDK
// data is newer and wider.
var partitions = []PartitionInfo{
	{
		ID:                 "aws",
		RegionPattern:      `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`,
		DNSSuffix:          "amazonaws.com",
		DualStackDNSSuffix: "api.aws",
		Regions: []string{
			"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
			"ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
			"ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
			"ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
			"eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1",
			"me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
		},
		GlobalRegion: "aws-global",
		// 27 Regions. Without SES: ap-east-1, ap-east-2, ap-southeast-4,
		// ap-southeast-6, ap-southeast-7, eu-south-2, mx-central-1.
		SESRegions: []string{
			"af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
			"ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-5",
			"ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1",
			"eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
			"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
		},
	},
	{
		ID:                 "aws-cn",
		RegionPattern:      `^cn\-\w+\-\d+$`,
		DNSSuffix:          "amazonaws.com.cn",
		DualStackDNSSuffix: "api.amazonwebservices.com.cn",
		Regions:            []string{"cn-north-1", "cn-northwest-1"},
		GlobalRegion:       "aws-cn-global",
	},
	{
		ID:                 "aws-us-gov",
		RegionPattern:      `^us\-gov\-\w+\-\d+$`,
		DNSSuffix:          "amazonaws.com",
		DualStackDNSSuffix: "api.aws",
		Regions:            []string{"us-gov-east-1", "us-gov-west-1"},
		GlobalRegion:       "aws-us-gov-global",
		SESRegions:         []string{"us-gov-east-1", "us-gov-west-1"},
	},
	{
		// AWS European Sovereign Cloud. Not in the older Go SDK copy of
		// partitions.json (S12).
		ID:                 "aws-eusc",
		RegionPattern:      `^eusc\-(de)\-\w+\-\d+$`,
		DNSSuffix:          "amazonaws.eu",
		DualStackDNSSuffix: "api.amazonwebservices.eu",
		Regions:            []string{"eusc-de-east-1"},
		SESRegions:         []string{"eusc-de-east-1"},
	},
	{
		ID:                 "aws-iso",
		RegionPattern:      `^us\-iso\-\w+\-\d+$`,
		DNSSuffix:          "c2s.ic.gov",
		DualStackDNSSuffix: "api.aws.ic.gov",
		Regions:            []string{"us-iso-east-1", "us-iso-west-1"},
	},
	{
		ID:                 "aws-iso-b",
		RegionPattern:      `^us\-isob\-\w+\-\d+$`,
		DNSSuffix:          "sc2s.sgov.gov",
		DualStackDNSSuffix: "api.aws.scloud",
		Regions:            []string{"us-isob-east-1", "us-isob-west-1"},
	},
	{
		ID:                 "aws-iso-e",
		RegionPattern:      `^eu\-isoe\-\w+\-\d+$`,
		DNSSuffix:          "cloud.adc-e.uk",
		DualStackDNSSuffix: "api.cloud-aws.adc-e.uk",
		Regions:            []string{"eu-isoe-west-1"},
	},
	{
		ID:                 "aws-iso-f",
		RegionPattern:      `^us\-isof\-\w+\-\d+$`,
		DNSSuffix:          "csp.hci.ic.gov",
		DualStackDNSSuffix: "api.aws.hci.ic.gov",
		Regions:            []string{"us-isof-east-1", "us-isof-south-1"},
	},
}

// partitionIndex maps partition IDs to positions in partitions, and
// regionIndex finds known Regions in regions, which holds each one's
// partition and whether the partition offers SES there (SES201 looks up
// every resource's Region); sesIndex holds, per partition ID, the set of its
// Regions with SES.
var partitionIndex, regions, regionIndex, sesIndex = buildPartitions()

type regionEntry struct {
	region    string
	partition int
	ses       bool
}

func buildPartitions() (map[string]int, []regionEntry, nameTable, map[string]map[string]bool) {
	byID := make(map[string]int, len(partitions))
	var list []regionEntry
	ses := make(map[string]map[string]bool, len(partitions))
	for i := range partitions {
		p := &partitions[i]
		byID[p.ID] = i
		for _, r := range p.Regions {
			list = append(list, regionEntry{r, i, slices.Contains(p.SESRegions, r)})
		}
		ses[p.ID] = make(map[string]bool, len(p.SESRegions))
		for _, r := range p.SESRegions {
			ses[p.ID][r] = true
		}
	}
	return byID, list, newNameTable(len(list), func(i int) string { return list[i].region }), ses
}

// Partitions returns every partition, in the order of partitions.json.
func Partitions() []PartitionInfo { return slices.Clone(partitions) }

// Partition returns the partition with the given ID ("aws-us-gov").
// Partition IDs are lower-case and compared exactly.
func Partition(id string) (PartitionInfo, bool) {
	i, ok := partitionIndex[id]
	if !ok {
		return PartitionInfo{}, false
	}
	return partitions[i], true
}

// KnownPartition reports whether id is a partition ID, as Partition finds
// it. It copies nothing and hashes nothing: the rules ask it of every ARN,
// and nearly every ARN names "aws", the first entry.
func KnownPartition(id string) bool {
	for i := range partitions {
		if partitions[i].ID == id {
			return true
		}
	}
	return false
}

// PartitionOfRegion returns the partition a Region belongs to: the one that
// lists it, or else the first whose Region pattern it fits, as the SDKs
// resolve a Region they do not know yet.
func PartitionOfRegion(region string) (PartitionInfo, bool) {
	if i, ok := regionIndex.find(region, false); ok {
		return partitions[regions[i].partition], true
	}
	for _, p := range partitions {
		if p.MatchesRegionPattern(region) {
			return p, true
		}
	}
	return PartitionInfo{}, false
}

// KnownRegion reports whether some partition lists region. Global
// pseudo-Regions such as "aws-global" are not Regions.
func KnownRegion(region string) bool {
	_, ok := regionIndex.find(region, false)
	return ok
}

// SESRegion reports whether SES has an endpoint in region of the given
// partition. SES is offered in 27 commercial Regions, both GovCloud Regions
// and the European Sovereign Cloud, and not in aws-cn or the ISO partitions
// (S12, S13). Receiving Regions were not checked (UNVERIFIED).
func SESRegion(partition, region string) bool {
	return sesIndex[partition][region]
}

// LookupRegion answers KnownRegion, the ID of PartitionOfRegion and
// SESRegion in that partition with one look-up and no copy: SES201 asks
// all three of every resource ARN.
func LookupRegion(region string) (partition string, ses, ok bool) {
	i, ok := regionIndex.find(region, false)
	if !ok {
		return "", false, false
	}
	e := &regions[i]
	return partitions[e.partition].ID, e.ses, true
}
