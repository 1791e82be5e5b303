// What GetLocaleInfoEx answers, from ICU's locale data (CLDR) put into Windows'
// shapes: picture strings ("M/d/yyyy", "h:mm:ss tt"), grouping strings ("3;0"),
// day names starting on Monday, numeric codes (IDATE, ICURRENCY, ...).
#pragma once
#include <optional>
#include <string>

#include "base/wintypes.h"
#include "ntdll/nls_locale.h"

namespace sill::nt::nls {

// The LCTYPEs (without LOCALE_NOUSEROVERRIDE and the other modifier bits).
namespace lctype {
inline constexpr win::DWORD ILANGUAGE = 0x1, SLOCALIZEDDISPLAYNAME = 0x2, SABBREVLANGNAME = 0x3,
                            SNATIVELANGUAGENAME = 0x4, ICOUNTRY = 0x5, SLOCALIZEDCOUNTRYNAME = 0x6,
                            SABBREVCTRYNAME = 0x7, SNATIVECOUNTRYNAME = 0x8, IDEFAULTLANGUAGE = 0x9,
                            IDEFAULTCOUNTRY = 0xA, IDEFAULTCODEPAGE = 0xB, SLIST = 0xC, IMEASURE = 0xD,
                            SDECIMAL = 0xE, STHOUSAND = 0xF, SGROUPING = 0x10, IDIGITS = 0x11, ILZERO = 0x12,
                            SNATIVEDIGITS = 0x13, SCURRENCY = 0x14, SINTLSYMBOL = 0x15, SMONDECIMALSEP = 0x16,
                            SMONTHOUSANDSEP = 0x17, SMONGROUPING = 0x18, ICURRDIGITS = 0x19, IINTLCURRDIGITS = 0x1A,
                            ICURRENCY = 0x1B, INEGCURR = 0x1C, SDATE = 0x1D, STIME = 0x1E, SSHORTDATE = 0x1F,
                            SLONGDATE = 0x20, IDATE = 0x21, ILDATE = 0x22, ITIME = 0x23, ICENTURY = 0x24,
                            ITLZERO = 0x25, IDAYLZERO = 0x26, IMONLZERO = 0x27, S1159 = 0x28, S2359 = 0x29,
                            SDAYNAME1 = 0x2A, SABBREVDAYNAME1 = 0x31, SMONTHNAME1 = 0x38, SABBREVMONTHNAME1 = 0x44,
                            SPOSITIVESIGN = 0x50, SNEGATIVESIGN = 0x51, IPOSSIGNPOSN = 0x52, INEGSIGNPOSN = 0x53,
                            IPOSSYMPRECEDES = 0x54, IPOSSEPBYSPACE = 0x55, INEGSYMPRECEDES = 0x56,
                            INEGSEPBYSPACE = 0x57, SISO639LANGNAME = 0x59, SISO3166CTRYNAME = 0x5A,
                            SNAME = 0x5C, SDURATION = 0x5D, SSHORTESTDAYNAME1 = 0x60, SISO639LANGNAME2 = 0x67,
                            SISO3166CTRYNAME2 = 0x68, SNAN = 0x69, SPOSINFINITY = 0x6A, SNEGINFINITY = 0x6B,
                            SSCRIPTS = 0x6C, SPARENT = 0x6D, SCONSOLEFALLBACKNAME = 0x6E,
                            SLOCALIZEDLANGUAGENAME = 0x6F, IREADINGLAYOUT = 0x70, INEUTRAL = 0x71,
                            SENGLISHDISPLAYNAME = 0x72, SNATIVEDISPLAYNAME = 0x73, INEGATIVEPERCENT = 0x74,
                            IPOSITIVEPERCENT = 0x75, SPERCENT = 0x76, SPERMILLE = 0x77, SMONTHDAY = 0x78,
                            SSHORTTIME = 0x79, SOPENTYPELANGUAGETAG = 0x7A, SSORTLOCALE = 0x7B,
                            IDEFAULTANSICODEPAGE = 0x1004, IDEFAULTMACCODEPAGE = 0x1011, STIMEFORMAT = 0x1003,
                            ITIMEMARKPOSN = 0x1005, SYEARMONTH = 0x1006, SENGCURRNAME = 0x1007,
                            SNATIVECURRNAME = 0x1008, ICALENDARTYPE = 0x1009, IPAPERSIZE = 0x100A,
                            IOPTIONALCALENDAR = 0x100B, IFIRSTDAYOFWEEK = 0x100C, IFIRSTWEEKOFYEAR = 0x100D,
                            SMONTHNAME13 = 0x100E, SABBREVMONTHNAME13 = 0x100F, INEGNUMBER = 0x1010,
                            SENGLISHLANGUAGENAME = 0x1001, SENGLISHCOUNTRYNAME = 0x1002,
                            IDIGITSUBSTITUTION = 0x1014;
}  // namespace lctype

// The value of `type` for `locale` as Windows spells it; `genitive` asks for the
// month names used inside dates (LOCALE_RETURN_GENITIVE_NAMES). nullopt for a
// type Sill does not know.
std::optional<std::u16string> locale_info(const Locale& locale, win::DWORD type, bool genitive = false);

// Types whose value is a number (what LOCALE_RETURN_NUMBER may ask for).
bool is_numeric_type(win::DWORD type);

}  // namespace sill::nt::nls
