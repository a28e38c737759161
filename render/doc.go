// Package render turns result rows into text: cqlsh's aligned tables, the
// expanded "@ Row N" form, CSV, NDJSON, server warnings and query traces.
// It knows nothing of the network; it takes column types and raw cell bytes
// and decodes them with package cqltype.
//
// Values follow cqlsh 6.2 byte for byte (see FormatValue), with these
// deliberate differences: a null inside a tuple prints as null (cqlsh prints
// None or fails), a duration prints as its CQL literal, and a coloured empty
// collection is measured as two columns wide (cqlsh measures it as zero and
// misaligns the row).
//
// Table layout is written here rather than with a general table library.
// cqlsh's table is not a uniform grid: the header line is right-stripped
// while row lines keep the padding of every cell, the rule has one extra dash
// at each end, and widths must be able to grow between pages of a stream that
// is never held in memory. A general renderer cannot right-strip only the
// header, and one that measures cells itself may truncate a cell it measures
// wider than the width chosen here (its ambiguous-width handling follows the
// process locale, cqlsh's does not). Measuring once, with the same rules cqlsh
// uses (East Asian wide characters count two, combining marks zero, ambiguous
// characters one), and padding here keeps every byte under control and costs
// well under a microsecond per cell.
package render
