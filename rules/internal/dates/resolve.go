package dates

import "time"

// Resolve places the mention on the calendar relative to ref, normally the
// publication date, and returns the inclusive range of days it denotes: from
// is midnight at the start of the first day, to midnight at the start of the
// last day, both in ref's location. ok is false when ref is zero or the
// mention cannot be placed (an impossible date, a 29 February that has no
// year close enough). The rules:
//
//   - Full: that day.
//   - DayMonth: that day in the year (ref's, the one before or the one after)
//     that puts it closest to ref; ties go to the earlier day. "am 5. Januar"
//     in an article of 28 December is next January's.
//   - MonthYear: the month, narrowed by Part (early = days 1-10, mid = 11-20,
//     late = 21 to the end).
//   - Month: the month in the year that puts it closest to ref (a month that
//     contains ref is ref's), narrowed like MonthYear.
//   - Year: 1 January to 31 December, narrowed by Part: early = January-April,
//     mid = May-August, late = September-December, spring = March-May,
//     summer = June-August, autumn = September-November, winter = 1 January
//     of the year to the end of February of the next (both winters that
//     touch the year; "Winter 2022" is used for either).
//   - Weekday: the most recent such weekday on or before ref ("am Freitag" in
//     a Saturday paper is the day before; on a Friday it is ref itself). With
//     Amount -1 ("letzten Freitag") strictly before ref; with Amount +1
//     ("nächsten Freitag", "this Friday") the first one strictly after ref.
//   - Relative: ref moved by Amount Units, then widened to the whole unit:
//     a day is exact ("gestern"); a week runs Monday to Sunday ("letzte
//     Woche" is the calendar week before ref's); a month is the calendar
//     month; a year the calendar year ("vor zwei Jahren" in 2024 is all of
//     2022), narrowed by Part like Year and MonthYear ("Ende letzten Jahres").
//     A Vague mention is a window between ref and a point |Amount| units away
//     (10 units when the amount is not stated, |Amount| = 1): "vor einigen
//     Wochen" is the start of the week ten weeks before ref through ref,
//     "in den letzten zwei Jahren" is 1 January two years before through ref,
//     "in den nächsten Tagen" ref through ten days later.
func (m Mention) Resolve(ref time.Time) (from, to time.Time, ok bool) {
	if ref.IsZero() {
		return
	}
	loc := ref.Location()
	ry, rmo, rd := ref.Date()
	rm := int(rmo)
	refDay := time.Date(ry, rmo, rd, 0, 0, 0, 0, loc)
	day := func(y, mo, d int) time.Time { return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, loc) }
	refN := civil(ry, rm, rd)

	switch m.Kind {
	case Full:
		if !validDate(m.Year, m.Month, m.Day) {
			return
		}
		t := day(m.Year, m.Month, m.Day)
		return t, t, true

	case DayMonth:
		bestY, bestDist := 0, 0
		for y := ry - 1; y <= ry+1; y++ {
			if !validDate(y, m.Month, m.Day) {
				continue
			}
			dist := abs(civil(y, m.Month, m.Day) - refN)
			if bestY == 0 || dist < bestDist {
				bestY, bestDist = y, dist
			}
		}
		if bestY == 0 || bestDist > 184 {
			return
		}
		t := day(bestY, m.Month, m.Day)
		return t, t, true

	case Month:
		if m.Month < 1 || m.Month > 12 {
			return
		}
		bestY, bestDist := 0, 0
		for y := ry - 1; y <= ry+1; y++ {
			first, last := civil(y, m.Month, 1), civil(y, m.Month, daysIn(y, m.Month))
			dist := 0
			if refN < first {
				dist = first - refN
			} else if refN > last {
				dist = refN - last
			}
			if bestY == 0 || dist < bestDist {
				bestY, bestDist = y, dist
			}
		}
		from, to = monthRange(day, bestY, m.Month, m.Part)
		return from, to, true

	case MonthYear:
		if m.Month < 1 || m.Month > 12 || m.Year == 0 {
			return
		}
		from, to = monthRange(day, m.Year, m.Month, m.Part)
		return from, to, true

	case Year:
		if m.Year == 0 {
			return
		}
		from, to = yearRange(day, m.Year, m.Part)
		return from, to, true

	case Weekday:
		cur := int(refDay.Weekday())
		w := int(m.Weekday)
		if w < 0 || w > 6 {
			return
		}
		var t time.Time
		switch {
		case m.Amount > 0:
			fwd := (w - cur + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			t = day(ry, rm, rd+fwd)
		default:
			back := (cur - w + 7) % 7
			if back == 0 && m.Amount < 0 {
				back = 7
			}
			t = day(ry, rm, rd-back)
		}
		return t, t, true

	case Relative:
		return m.resolveRelative(day, ry, rm, rd, refDay)
	}
	return
}

func (m Mention) resolveRelative(day func(y, mo, d int) time.Time, ry, rm, rd int, refDay time.Time) (from, to time.Time, ok bool) {
	a := m.Amount
	if m.Vague {
		n := 10
		if abs(a) > 1 {
			n = abs(a)
		}
		if a < 0 {
			switch m.Unit {
			case "day":
				from = day(ry, rm, rd-n)
			case "week":
				from = monday(day(ry, rm, rd-7*n))
			case "month":
				from = day(ry, rm-n, 1)
			case "year":
				from = day(ry-n, 1, 1)
			default:
				return
			}
			return from, refDay, true
		}
		switch m.Unit {
		case "day":
			to = day(ry, rm, rd+n)
		case "week":
			to = monday(day(ry, rm, rd+7*n)).AddDate(0, 0, 6)
		case "month":
			to = day(ry, rm+n+1, 0)
		case "year":
			to = day(ry+n, 12, 31)
		default:
			return
		}
		return refDay, to, true
	}
	switch m.Unit {
	case "day":
		t := day(ry, rm, rd+a)
		return t, t, true
	case "week":
		mon := monday(day(ry, rm, rd+7*a))
		return mon, mon.AddDate(0, 0, 6), true
	case "month":
		first := day(ry, rm+a, 1)
		from, to = monthRange(day, first.Year(), int(first.Month()), m.Part)
		return from, to, true
	case "year":
		from, to = yearRange(day, ry+a, m.Part)
		return from, to, true
	}
	return
}

// monday returns the Monday of t's week.
func monday(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

func monthRange(day func(y, mo, d int) time.Time, y, mo int, part string) (from, to time.Time) {
	first, last := 1, daysIn(y, mo)
	switch part {
	case "early":
		last = 10
	case "mid":
		first, last = 11, 20
	case "late":
		first = 21
	}
	return day(y, mo, first), day(y, mo, last)
}

func yearRange(day func(y, mo, d int) time.Time, y int, part string) (from, to time.Time) {
	switch part {
	case "early":
		return day(y, 1, 1), day(y, 4, 30)
	case "mid":
		return day(y, 5, 1), day(y, 8, 31)
	case "late":
		return day(y, 9, 1), day(y, 12, 31)
	case "spring":
		return day(y, 3, 1), day(y, 5, 31)
	case "summer":
		return day(y, 6, 1), day(y, 8, 31)
	case "autumn":
		return day(y, 9, 1), day(y, 11, 30)
	case "winter":
		return day(y, 1, 1), day(y+1, 2, daysIn(y+1, 2))
	}
	return day(y, 1, 1), day(y, 12, 31)
}

// civil returns the day number of y-m-d (days since 1970-01-01, proleptic
// Gregorian), free of time zones and daylight saving.
func civil(y, m, d int) int {
	return int(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
