package app

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestTMUsageBudget checks that a check's TM usage says how much of the
// source it did not get to within its time, looks that up in the
// background, and answers the next check of the text completely, other
// usage included.
func TestTMUsageBudget(t *testing.T) {
	ctx := context.Background()
	a := openShipped(t)
	tsv := "De staatsgreep in Mali werd veroordeeld.\tThe military takeover in Mali was condemned.\n" +
		"Na de staatsgreep werd de grondwet opgeschort.\tAfter the military takeover the constitution was suspended.\n" +
		"De staatsgreep van augustus 2020 verraste velen.\tThe military takeover of August 2020 surprised many.\n" +
		"Nederland veroordeelt de staatsgreep.\tThe Netherlands condemns the military takeover.\n" +
		"De sancties blijven van kracht.\tThe sanctions remain in force.\n"
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte(tsv), Name: "t.tsv", Who: "test"}); err != nil {
		t.Fatal(err)
	}
	nl := "De staatsgreep in Mali werd veroordeeld; de sancties blijven."
	a.usageTime = 0 // no time for any lookup
	usage, unchecked, err := a.TMUsage(ctx, a.CheckAll(nl, "-"))
	if err != nil {
		t.Fatal(err)
	}
	if unchecked < 3 || len(usage) != 0 {
		t.Fatalf("without time: %d unchecked, usage %+v; want staatsgreep, Mali, sancties … unchecked and no usage", unchecked, usage)
	}
	// The background lookup of what was left.
	for deadline := time.Now().Add(30 * time.Second); a.usageWarm.Load(); {
		if time.Now().After(deadline) {
			t.Fatal("the background lookup did not finish in 30 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	usage, unchecked, err = a.TMUsage(ctx, a.CheckAll(nl, "-"))
	if err != nil {
		t.Fatal(err)
	}
	if unchecked != 0 || len(usage) != 1 || usage[0].Concept != "staatsgreep" || usage[0].Usual != "military takeover" {
		t.Fatalf("after the background lookup: %d unchecked, usage %+v; want 0 and staatsgreep as military takeover", unchecked, usage)
	}
	// An import empties what was learnt: the text is unchecked again.
	if _, err := a.ImportTM(ctx, TMImport{Format: TMFormatTSV, Data: []byte("Het verdrag.\tThe treaty.\n"), Name: "u.tsv", Who: "test"}); err != nil {
		t.Fatal(err)
	}
	for a.usageWarm.Load() {
		time.Sleep(10 * time.Millisecond)
	}
	if _, unchecked, _ := a.TMUsage(ctx, a.CheckAll(nl, "-")); unchecked == 0 {
		t.Errorf("after an import: nothing unchecked without time, want the text's concepts")
	}
	// With the default time a short text is answered whole.
	a.usageTime = usageBudget
	for a.usageWarm.Load() {
		time.Sleep(10 * time.Millisecond)
	}
	usage, unchecked, err = a.TMUsage(ctx, a.CheckAll(nl, "-"))
	if err != nil || unchecked != 0 || len(usage) != 1 || !strings.HasPrefix(usage[0].Message, "other usage: ") {
		t.Errorf("default time: %d unchecked, usage %+v, err %v", unchecked, usage, err)
	}
}

// TestOtherUsageLookAlikes checks what is not other usage with the
// shipped glossary: a rendering that is part of one of the concept's
// English terms, or an English term of another concept with the same
// Dutch term (militair the noun, soldier, and the adjective, military).
func TestOtherUsageLookAlikes(t *testing.T) {
	a := openShipped(t)
	for _, c := range []struct {
		concept, nl, en string
		want            bool
	}{
		{"staatsgreep", "staatsgreep", "military takeover", true},
		{"regionale-organisatie", "regionale organisatie", "regional", false},
		{"regionale-organisatie", "regionale organisatie", "regional body", true},
		{"militair", "militair", "military", false},
		{"militair", "militair", "serviceman", true},
	} {
		con, ok := a.terms.Get(c.concept)
		if !ok {
			t.Fatalf("no concept %s", c.concept)
		}
		if got := a.otherUsage(con, c.nl, c.en); got != c.want {
			t.Errorf("%s: %q as %q: other usage %v, want %v", c.concept, c.nl, c.en, got, c.want)
		}
	}
}
