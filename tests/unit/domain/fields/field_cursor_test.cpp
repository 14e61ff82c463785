// FieldCursor: entries found whatever the order they are asked in, missing ones null.
#include "domain/fields/field_cursor.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace domain {
namespace {

boost::json::object Record() {
  return boost::json::parse(
             R"({"a":{"value":"1"},"b":{"value":"2"},"c":"not an object","d":{"type":"X"}})")
      .as_object();
}

std::string ValueText(const boost::json::value* v) {
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : "<null>";
}

TEST(FieldCursor, FindsEntriesAskedInTheirOrder) {
  const boost::json::object record = Record();
  FieldCursor cursor(record);
  EXPECT_EQ(ValueText(cursor.ValueOf("a")), "1");
  EXPECT_EQ(ValueText(cursor.ValueOf("b")), "2");
  EXPECT_TRUE(cursor.Entry("c")->is_string());
  EXPECT_EQ(cursor.ValueOf("d"), nullptr);  // an object without "value"
}

TEST(FieldCursor, FindsEntriesAskedInAnyOtherOrder) {
  const boost::json::object record = Record();
  FieldCursor cursor(record);
  EXPECT_EQ(ValueText(cursor.ValueOf("b")), "2");
  EXPECT_EQ(ValueText(cursor.ValueOf("a")), "1");  // before the last one found
  EXPECT_EQ(ValueText(cursor.ValueOf("b")), "2");  // the same one twice
  EXPECT_EQ(cursor.ValueOf("c"), nullptr);         // not an object
  EXPECT_EQ(ValueText(cursor.ValueOf("a")), "1");
}

TEST(FieldCursor, MissingCodesAreNullAndDoNotLoseThePlace) {
  const boost::json::object record = Record();
  FieldCursor cursor(record);
  EXPECT_EQ(ValueText(cursor.ValueOf("a")), "1");
  EXPECT_EQ(cursor.Entry("zz"), nullptr);
  EXPECT_EQ(cursor.Entry(""), nullptr);
  EXPECT_EQ(ValueText(cursor.ValueOf("b")), "2");
  const boost::json::object empty = boost::json::parse("{}").as_object();
  FieldCursor none(empty);
  EXPECT_EQ(none.Entry("a"), nullptr);
}

TEST(FieldCursor, AMutableCursorGivesSlotsToWriteInto) {
  boost::json::object record = Record();
  MutableFieldCursor cursor(record);
  *cursor.ValueOf("b") = "changed";
  record["e"] = boost::json::object{{"value", "5"}};  // added while the cursor is in use
  EXPECT_EQ(ValueText(cursor.ValueOf("e")), "5");
  EXPECT_EQ(record.at("b").at("value").as_string(), "changed");
}

}  // namespace
}  // namespace domain
