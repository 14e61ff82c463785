// Boost.JSON and Boost.URL are header-only in Debian's Boost 1.81: their implementation
// is compiled exactly once, in this translation unit.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
