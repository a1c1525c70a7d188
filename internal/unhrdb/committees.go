package unhrdb

import (
	"strings"

	"github.com/hrdtracker/hrdtracker/internal/dataset"
	"github.com/hrdtracker/hrdtracker/internal/store"
)

// TreatyBodies is the slug of the body the committees belong to.
const TreatyBodies = "treaty-bodies"

// known are the committees the layout names, by their abbreviation, with their names.
var known = []struct{ abbr, name string }{
	{"CESCR", "Committee on Economic, Social and Cultural Rights"},
	{"CRC", "Committee on the Rights of the Child"},
	{"CEDAW", "Committee on the Elimination of Discrimination against Women"},
	{"CCPR", "Human Rights Committee"},
	{"CRPD", "Committee on the Rights of Persons with Disabilities"},
	{"CERD", "Committee on the Elimination of Racial Discrimination"},
	{"CMW", "Committee on the Protection of the Rights of All Migrant Workers and Members of Their Families"},
	{"CAT", "Committee against Torture"},
	{"CED", "Committee on Enforced Disappearances"},
}

// Committees lists the abbreviations of the committees the layout names.
func Committees() []string {
	out := make([]string, len(known))
	for i, k := range known {
		out[i] = k.abbr
	}
	return out
}

// committees is treaty-bodies, then every committee, as bodies to import. A body that the
// shipped data set defines (treaty-bodies, cescr, crc) is taken from it unchanged, so that
// importing the data set and a UNHRDB directory, in either order, finds each body as the other
// left it.
func committees() []store.BodyInput {
	seed := map[string]store.BodyInput{}
	if set, err := dataset.Parse(dataset.Seed()); err == nil { // the data set's tests keep it valid
		for _, b := range set.Bodies {
			seed[b.Slug] = b
		}
	}
	take := func(b store.BodyInput) store.BodyInput {
		if s, ok := seed[b.Slug]; ok {
			return s
		}
		return b
	}
	bodies := []store.BodyInput{take(store.BodyInput{Slug: TreatyBodies, Kind: store.TreatyBody, Name: "Human rights treaty bodies"})}
	for _, k := range known {
		bodies = append(bodies, take(store.BodyInput{
			Slug: strings.ToLower(k.abbr), Kind: store.TreatyBody, Name: k.name, ShortName: k.abbr, Parent: TreatyBodies,
		}))
	}
	return bodies
}
