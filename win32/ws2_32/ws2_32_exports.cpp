// The export table of ws2_32.dll. Keep entries sorted by exported name.
#include "loader/builtin_dll.h"
#include "win32/ws2_32/ws2_32.h"

namespace sill::builtin {

namespace {
const loader::Export exports[] = {
    SILL_EXPORT_AS("WSACleanup", ws2_32::WSACleanup),
    SILL_EXPORT_AS("WSAEnumProtocolsW", ws2_32::WSAEnumProtocolsW),  // Go helper: enum_protocols.cpp
    SILL_EXPORT_AS("WSAGetLastError", ws2_32::WSAGetLastError),
    SILL_EXPORT_AS("WSAIoctl", ws2_32::WSAIoctl),
    SILL_EXPORT_AS("WSARecv", ws2_32::WSARecv),
    SILL_EXPORT_AS("WSASend", ws2_32::WSASend),
    SILL_EXPORT_AS("WSASetLastError", ws2_32::WSASetLastError),
    SILL_EXPORT_AS("WSASocketW", ws2_32::WSASocketW),
    SILL_EXPORT_AS("WSAStartup", ws2_32::WSAStartup),
    SILL_EXPORT_AS("accept", ws2_32::accept),
    SILL_EXPORT_AS("bind", ws2_32::bind),
    SILL_EXPORT_AS("closesocket", ws2_32::closesocket),
    SILL_EXPORT_AS("connect", ws2_32::connect),
    SILL_EXPORT_AS("freeaddrinfo", ws2_32::freeaddrinfo),
    SILL_EXPORT_AS("getaddrinfo", ws2_32::getaddrinfo),
    SILL_EXPORT_AS("getpeername", ws2_32::getpeername),
    SILL_EXPORT_AS("getsockname", ws2_32::getsockname),
    SILL_EXPORT_AS("getsockopt", ws2_32::getsockopt),
    SILL_EXPORT_AS("htonl", ws2_32::htonl),
    SILL_EXPORT_AS("htons", ws2_32::htons),
    SILL_EXPORT_AS("ioctlsocket", ws2_32::ioctlsocket),
    SILL_EXPORT_AS("listen", ws2_32::listen),
    SILL_EXPORT_AS("ntohl", ws2_32::ntohl),
    SILL_EXPORT_AS("ntohs", ws2_32::ntohs),
    SILL_EXPORT_AS("recv", ws2_32::recv),
    SILL_EXPORT_AS("recvfrom", ws2_32::recvfrom),
    SILL_EXPORT_AS("send", ws2_32::send),
    SILL_EXPORT_AS("sendto", ws2_32::sendto),
    SILL_EXPORT_AS("setsockopt", ws2_32::setsockopt),
    SILL_EXPORT_AS("shutdown", ws2_32::shutdown),
    SILL_EXPORT_AS("socket", ws2_32::socket),
};
}  // namespace

extern const loader::BuiltinDll ws2_32_dll;
const loader::BuiltinDll ws2_32_dll{"ws2_32.dll", exports, nullptr};

}  // namespace sill::builtin
