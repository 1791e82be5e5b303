/* Time zones (timezoneapi.h): Windows zone rules by key name for a year, the
 * host zone under its Windows name (the test runs with TZ=America/New_York),
 * enumeration, and conversions between UTC and a zone's local time. */
#include <string.h>
#include <windows.h>

#include "tap.h"

static int same_rule_date(SYSTEMTIME d, int month, int dow, int week, int hour)
{
    return d.wYear == 0 && d.wMonth == month && d.wDayOfWeek == dow && d.wDay == week && d.wHour == hour &&
           d.wMinute == 0;
}

static void rules(void)
{
    DYNAMIC_TIME_ZONE_INFORMATION key;
    TIME_ZONE_INFORMATION tz;
    memset(&key, 0, sizeof key);
    wcscpy(key.TimeZoneKeyName, L"W. Europe Standard Time");
    tap_ok(GetTimeZoneInformationForYear(2024, &key, &tz), "GetTimeZoneInformationForYear(W. Europe)");
    tap_ok(tz.Bias == -60 && tz.StandardBias == 0 && tz.DaylightBias == -60, "W. Europe: UTC+1, one hour of DST");
    tap_ok(same_rule_date(tz.DaylightDate, 3, 0, 5, 2), "DST starts on the last Sunday of March at 2:00");
    tap_ok(same_rule_date(tz.StandardDate, 10, 0, 5, 3), "DST ends on the last Sunday of October at 3:00");
    wcscpy(key.TimeZoneKeyName, L"Pacific Standard Time");
    tap_ok(GetTimeZoneInformationForYear(2024, &key, &tz) && tz.Bias == 480 &&
               same_rule_date(tz.DaylightDate, 3, 0, 2, 2) && same_rule_date(tz.StandardDate, 11, 0, 1, 2),
           "Pacific: UTC-8, second Sunday of March to first Sunday of November");
    wcscpy(key.TimeZoneKeyName, L"Tokyo Standard Time");
    tap_ok(GetTimeZoneInformationForYear(2024, &key, &tz) && tz.Bias == -540 && tz.DaylightDate.wMonth == 0,
           "Tokyo: UTC+9 without DST");
}

static void host_zone(void)
{
    DYNAMIC_TIME_ZONE_INFORMATION d;
    DWORD id = GetDynamicTimeZoneInformation(&d);
    tap_ok(id == TIME_ZONE_ID_STANDARD || id == TIME_ZONE_ID_DAYLIGHT, "the host zone has DST");
    tap_ok(wcscmp(d.TimeZoneKeyName, L"Eastern Standard Time") == 0, "TZ=America/New_York is Eastern Standard Time");
    tap_ok(d.Bias == 300 && d.DaylightBias == -60, "Eastern: UTC-5");
    TIME_ZONE_INFORMATION tz;
    tap_int(GetTimeZoneInformation(&tz), id, "GetTimeZoneInformation agrees");
    tap_ok(wcscmp(tz.StandardName, L"Eastern Standard Time") == 0, "standard name");
}

static void enumerate(void)
{
    DYNAMIC_TIME_ZONE_INFORMATION d;
    int tokyo = 0, count = 0;
    DWORD r;
    for (DWORD i = 0; (r = EnumDynamicTimeZoneInformation(i, &d)) == ERROR_SUCCESS; ++i) {
        ++count;
        if (wcscmp(d.TimeZoneKeyName, L"Tokyo Standard Time") == 0) tokyo = d.Bias == -540;
    }
    tap_ok(count > 50 && tokyo, "EnumDynamicTimeZoneInformation lists the zones");
    tap_int(r, ERROR_NO_MORE_ITEMS, "...and ends with ERROR_NO_MORE_ITEMS");
}

static void conversions(void)
{
    DYNAMIC_TIME_ZONE_INFORMATION key;
    TIME_ZONE_INFORMATION tz;
    memset(&key, 0, sizeof key);
    wcscpy(key.TimeZoneKeyName, L"W. Europe Standard Time");
    GetTimeZoneInformationForYear(2024, &key, &tz);
    SYSTEMTIME summer = {2024, 7, 1, 1, 12, 0, 0, 0}, winter = {2024, 1, 1, 15, 12, 0, 0, 0}, out;
    tap_ok(SystemTimeToTzSpecificLocalTime(&tz, &summer, &out) && out.wHour == 14 && out.wDay == 1,
           "July noon UTC is 14:00 in Berlin");
    tap_ok(SystemTimeToTzSpecificLocalTime(&tz, &winter, &out) && out.wHour == 13, "January noon UTC is 13:00");
    SYSTEMTIME local = {2024, 7, 1, 1, 14, 0, 0, 0};
    tap_ok(TzSpecificLocalTimeToSystemTime(&tz, &local, &out) && out.wHour == 12, "and back");
    SYSTEMTIME before = {2024, 3, 0, 31, 0, 59, 0, 0}, after = {2024, 3, 0, 31, 1, 0, 0, 0};
    tap_ok(SystemTimeToTzSpecificLocalTime(&tz, &before, &out) && out.wHour == 1 && out.wMinute == 59,
           "00:59 UTC on the change day is 01:59 standard time");
    tap_ok(SystemTimeToTzSpecificLocalTime(&tz, &after, &out) && out.wHour == 3 && out.wMinute == 0,
           "01:00 UTC is 03:00 daylight time");
    /* Windows 7 has it; Wine 8 does not export it, so it is looked up. */
    typedef BOOL(WINAPI * to_local_ex)(const DYNAMIC_TIME_ZONE_INFORMATION *, const SYSTEMTIME *, SYSTEMTIME *);
    to_local_ex fn = (to_local_ex)GetProcAddress(GetModuleHandleA("kernel32.dll"), "SystemTimeToTzSpecificLocalTimeEx");
    if (fn)
        tap_ok(fn(&key, &summer, &out) && out.wHour == 14, "SystemTimeToTzSpecificLocalTimeEx by key name");
    else
        printf("# SystemTimeToTzSpecificLocalTimeEx is not exported here\n");
    FILETIME ft = {0x12345678, 0x01d00000}, lft;
    tap_ok(FileTimeToLocalFileTime(&ft, &lft) &&
               (((ULONGLONG)ft.dwHighDateTime << 32 | ft.dwLowDateTime) -
                ((ULONGLONG)lft.dwHighDateTime << 32 | lft.dwLowDateTime)) % 36000000000ULL == 0,
           "FileTimeToLocalFileTime shifts by whole hours");
}

int main(void)
{
    rules();
    host_zone();
    enumerate();
    conversions();
    return tap_done();
}
