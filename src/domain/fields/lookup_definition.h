// The `lookup` property shared by SINGLE_LINE_TEXT, NUMBER and LINK (§4.7): stored
// faithfully with defaults filled. What it names in its datasource app is checked by
// domain/apps/datasource_rules (on a form edit and at deploy). Stateless.
#pragma once

#include "domain/fields/definition_reader.h"

namespace domain {

// When the definition carries a non-null `lookup`, normalises it into the output (with
// `required`, the only other property a lookup field keeps) and returns true.
bool NormalizeLookup(DefinitionReader& reader);

// `relatedApp` of a lookup or REFERENCE_TABLE: {app, code}, one of them required.
void NormalizeRelatedApp(DefinitionReader& reader);

}  // namespace domain
