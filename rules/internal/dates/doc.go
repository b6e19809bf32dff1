// Package dates finds date mentions in German and English news text and
// places them on the calendar. It only finds and resolves; the date rules of
// package rules decide what is wrong (a date that disagrees with a story's
// known fact, with the publication date or with another date).
//
// # Scanning
//
// Find scans the text once. A hand-written tokenizer splits it into words
// (runs of Unicode letters, so "März" and "Jänner" are single words and word
// boundaries are Unicode-aware), numbers (runs of ASCII digits) and single
// punctuation runes; each word is looked up, lower-cased, in one lexicon (an
// open-addressing hash table, hashed while the word is read) of month names,
// weekdays, units, prepositions and so on. Matchers then walk
// the tokens left to right and, at each token, take the longest expression
// that starts there; matched tokens are skipped, so mentions come out sorted
// by Start and never overlap. No regular expressions, no allocation per token
// (the token buffer is pooled); the mentions' Text fields are substrings of
// the input.
//
// # What counts as a date mention
//
// Numeric forms (Lang ""), each glued neither to a letter or digit nor to
// number punctuation on either side ("1.25.10.2024", "25.10.2024,5" and
// "B2B" are not dates), with day and month checked (no 31.02.):
//
//	25.10.2024, 5.1.2024   Full, "dd.mm.yyyy"
//	25.10.24               Full, "dd.mm.yy", year 20yy
//	5.11. 2024             Full, "dd.mm.yyyy" (space before the year)
//	5.11.                  DayMonth, "dd.mm.", only after am, an, vom, zum, bis, ab, seit,
//	                       den, dem, vor, nach, und, zwischen, Stand, Datum or a weekday
//	                       ("Freitag, 25.10."); "1.2." in other places is left alone
//	26/10/2024, 5/11/2024  Full, "dd/mm/yyyy": a/b/yyyy is day/month ...
//	10/26/2024             ... unless a <= 12 < b: Full, "mm/dd/yyyy"
//	2024-10-25             Full, "yyyy-mm-dd" (also before "T09:58")
//
// German forms:
//
//	am 5. November, 25. Okt.        DayMonth, "d. month" (the mention starts at "5.")
//	am 3. Dezember 2024             Full, "d. month yyyy"
//	Oktober 2024, im Februar 2022   MonthYear, "month yyyy"
//	im Oktober, seit Mai, bis Juni  Month, "month": a bare month name needs a preposition
//	                                (im, in, seit, bis, ab, vor, nach, vom, zum, während)
//	Anfang/Mitte/Ende 2022          Year with Part "early"/"mid"/"late"; also Beginn
//	Ende des Jahres 2022            Year with Part "late"
//	Ende Oktober [2024]             Month/MonthYear with Part "late"
//	Frühjahr/Frühling/Sommer/Herbst/Winter 2022
//	                                Year with Part "spring"/"summer"/"autumn"/"winter"
//	vom 16. auf den 22. Januar      "16." gets the month (and year) of "22. Januar": Format "d."
//	                                (also "5. bis 7. November", "24./25. Dezember",
//	                                "5., 6. und 7. Mai"; only when the first day is smaller)
//
// English forms:
//
//	October 24, Oct. 25, Oct 25th       DayMonth, "month d"
//	October 24, 2024                    Full, "month d, yyyy" ("month d yyyy" without the comma)
//	24 October, 24th October, 24th of October   DayMonth, "d month"
//	24 October 2024                     Full, "d month yyyy"
//	October 2024, October of 2022       MonthYear, "month yyyy"
//	in October, since May               Month, "month"
//	early/mid/late 2022, mid-2022, the end of 2022, beginning/start/middle of 2022
//	                                    Year with Part
//	late October, the end of October    Month with Part
//	spring/summer/autumn/fall/winter 2022, autumn of 2022   Year with Part (fall: not in German text)
//	16-22 October, 16 to 22 October     "16" gets the month of "22 October": Format "d"
//
// Month names are matched case-insensitively, including März/Maerz,
// Jänner/Jaenner, Feber and the abbreviations Jan., Feb., Mär., Mrz., Mar.,
// Apr., Jun., Jul., Aug., Sep., Sept., Okt., Oct., Nov., Dez., Dec. (the period
// belongs to the mention). Exceptions for precision: abbreviations must be
// capitalised and need a day or a year ("Jan" alone is a name); "May",
// "March" and "August" must be capitalised (may, march, august are other
// words); "month d" is English and is not taken in German text for the
// months both languages share ("November 5" in a German article is more
// likely "November" followed by a count); a day followed by a unit or
// quantity ("October 20 people") is not a day.
//
// Years alone (Kind Year, Format "yyyy", Lang ""): four ASCII digits
// 1900-2099 standing as a word, which means
//
//   - not glued to letters, digits, "#", "$", "€", "§" or number
//     punctuation: not "B2B", "2.000", "1,2024", "09:58", "2024%", "2024er";
//   - not followed by a quantity noun or unit (Millionen, Euro, Prozent,
//     Menschen, Jahre, Uhr, people, percent, ...) or by another number;
//   - not after a quantity or ID word (rund, etwa, ca., knapp, mindestens,
//     mehr als, Nr., Seite, Kapitel, Artikel, about, nearly, more than, page,
//     ...) or after another number;
//   - in text that is not clearly English, when no date word (im, in, seit,
//     bis, vor, nach, ab, von, vom, zum, um, zwischen, während, gegen, Jahr,
//     since, until, by, of, from, before, after, between, during, year, ...)
//     comes right before it, not followed by a capitalised word that is not a
//     date word: German nouns are capitalised, so "2000 Soldaten" is a count
//     while "US-Präsident 2021 das Weiße Haus" and "seit 2022 Kontakt" are
//     years.
//
// Weekdays (Kind Weekday, Format "weekday"): Montag ... Sonntag, Sonnabend,
// capitalised only, and their compounds with a time of day
// (Donnerstagabend, Freitagmorgen, Samstagnachmittag, Sonntagnacht,
// Freitagfrüh); English Monday ... Sunday in any case. A following time of
// day is taken along ("Freitag früh", "Freitag Abend", "Thursday evening")
// and reported in TimeOfDay. Habitual forms (samstags, Fridays) and other
// compounds (Freitagsgebet, Karfreitag) are not weekdays. A deictic word in
// front belongs to the mention and sets Amount: "letzten/vergangenen
// Freitag", "last Friday" -1; "nächsten/kommenden/diesen Freitag", "next/this
// Friday" +1. In "Freitag, 25. Oktober" the weekday and the date are two
// mentions.
//
// Relative mentions (Kind Relative, Format "relative", with Unit and Amount):
//
//	gestern -1 day, vorgestern -2, heute 0, morgen +1, übermorgen +2, heuer 0 year,
//	yesterday, today, tomorrow, tonight (TimeOfDay "night")
//	  "morgen"/"übermorgen" only in lower case ("Morgen" is the noun "morning");
//	  gestern/heute/vorgestern also capitalised at the start of a sentence;
//	  a following time of day is taken along: "gestern Abend", "heute Morgen",
//	  "morgen früh", "yesterday morning".
//	vor zwei Jahren -2 year, vor 3 Tagen -3 day, vor einem Jahrzehnt -10 year,
//	  vor gut/knapp/rund/mehr als zwei Jahren -2 year (the hedge is ignored),
//	  vor einigen/wenigen/mehreren/ein paar Wochen, vor Wochen: Vague, Amount -1
//	seit zwei Jahren -2 year (Prep "seit": since that time), seit Jahren: Vague
//	in zwei Wochen +2 week, in 3 days +3 day, within two weeks +2 week;
//	  in wenigen Tagen, in a few days: Vague, Amount +1
//	  (not "in einem Jahr", "in a year": too often "in a year in which")
//	in diesem Jahr, dieses Jahr, diese Woche, this year 0;
//	  im vergangenen/letzten Jahr, letzte Woche, letzten Monat, last year -1;
//	  im kommenden/nächsten Jahr, nächste Woche, next month +1;
//	  letzten Jahres, dieses Jahres (genitive) likewise
//	in den letzten/vergangenen Wochen, die letzten Tage, in recent weeks,
//	  the past few weeks, in den kommenden Tagen: Vague, Amount ±1;
//	  in den letzten zwei Jahren, the past two years: Vague, Amount -2 (a span)
//	Ende letzten Jahres, Anfang dieses Jahres, late last year, early next year:
//	  with Part; Herbst letzten Jahres: Part "autumn"; Ende des Jahres,
//	  Anfang des Monats: Amount 0 with Part
//	two years ago, 3 days ago, a week ago, a decade ago -N;
//	  a few/several/some weeks ago, weeks ago: Vague, Amount -1
//	letzte Nacht, last night -1 day, this morning/evening 0 day (TimeOfDay)
//
// A relative phrase is taken whole, with the preposition it starts with
// ("vor zwei Jahren", "in diesem Jahr", "im kommenden Jahr"). An absolute date
// or a weekday is taken without a preposition in front: "am 25. Oktober"
// yields "25. Oktober", "im Februar 2022" yields "Februar 2022", "on
// Thursday" yields "Thursday"; the preposition is reported in Prep, and
// Prep tells "vor 2022" (before) from "seit 2022" (since) and "bis 2024"
// (until). A Part word belongs to the mention ("Ende 2022", "Herbst 2022").
//
// Not date mentions: ordinals ("47. US-Präsident", "2. Politik", "der 2.
// Weltkrieg"), plain numbers ("Kapitel 3", "Lesezeit: 2 min", "100 Millionen
// Dollar", "2.000"), times ("09:58 Uhr"), IDs ("B2B"), the noun "Morgen",
// "die", "so". Left out on purpose: month names alone without a preposition
// or Part ("Mai" may be a name), seasons without a year ("im Herbst"),
// decades ("2020er", "the 1990s"), holidays ("vor Weihnachten"), vague words
// without a unit ("kürzlich", "vor kurzem", "recently"), narrative-relative
// phrases ("am Vortag", "zwei Jahre später", "the previous year"),
// adjectives ("am heutigen Freitag"), the second day of "October 16-22",
// year ranges glued with a hyphen or slash ("2022-2023", "2022/23": only the
// first year), two-digit years with slashes ("10/26/24"), yearless "5.11."
// without context, times of day.
//
// # Language
//
// Lang is the language of the words of a mention. Find guesses the text's
// language from frequent function words (der, die, und, the, and, of, ...);
// a word that both languages share (November, April, Winter) takes the
// language the construction implies ("5. November" German, "November 5" and
// "5 November" English) or else the text's language, or "" when the text
// gives no clue.
//
// # Resolution
//
// Mention.Resolve places a mention relative to a reference date, normally
// the publication date; see its documentation for the rules.
package dates
