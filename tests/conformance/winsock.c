/* Windows sockets over the loopback: start-up, TCP connect/accept/send/recv, names,
 * non-blocking mode, options, getaddrinfo's layout, and the WSAE* errors programs test for.
 * Linked with ws2_32. */
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

static void test_tcp(void)
{
    SOCKET server = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    tap_ok(server != INVALID_SOCKET, "socket(AF_INET, SOCK_STREAM)");
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    tap_int(bind(server, (struct sockaddr *)&addr, sizeof addr), 0, "bind to 127.0.0.1:0");
    int len = sizeof addr;
    tap_int(getsockname(server, (struct sockaddr *)&addr, &len), 0, "getsockname");
    tap_ok(len == sizeof addr && addr.sin_family == AF_INET && addr.sin_port != 0, "an ephemeral port was given");
    tap_int(listen(server, 4), 0, "listen");

    SOCKET client = WSASocketW(AF_INET, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_OVERLAPPED);
    tap_ok(client != INVALID_SOCKET, "WSASocketW");
    BOOL nodelay = TRUE;
    tap_int(setsockopt(client, IPPROTO_TCP, TCP_NODELAY, (const char *)&nodelay, sizeof nodelay), 0,
            "setsockopt TCP_NODELAY");
    tap_int(connect(client, (struct sockaddr *)&addr, sizeof addr), 0, "connect");
    struct sockaddr_in peer;
    len = sizeof peer;
    SOCKET accepted = accept(server, (struct sockaddr *)&peer, &len);
    tap_ok(accepted != INVALID_SOCKET && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "accept");
    len = sizeof peer;
    tap_ok(getpeername(client, (struct sockaddr *)&peer, &len) == 0 && peer.sin_port == addr.sin_port,
           "getpeername names the server");

    tap_int(send(client, "hello", 5, 0), 5, "send");
    char buf[16] = {0};
    tap_int(recv(accepted, buf, sizeof buf, 0), 5, "recv");
    tap_str(buf, "hello", "the bytes arrive");
    WSABUF parts[2] = {{3, "abc"}, {3, "def"}};
    DWORD sent = 0;
    tap_int(WSASend(accepted, parts, 2, &sent, 0, NULL, NULL), 0, "WSASend of two buffers");
    tap_int(sent, 6, "all six bytes");
    memset(buf, 0, sizeof buf);
    int got = 0;
    while (got < 6) {
        int n = recv(client, buf + got, sizeof buf - 1 - got, 0);
        if (n <= 0) break;
        got += n;
    }
    tap_str(buf, "abcdef", "in order");

    u_long on = 1;
    tap_int(ioctlsocket(client, FIONBIO, &on), 0, "FIONBIO");
    tap_int(recv(client, buf, sizeof buf, 0), SOCKET_ERROR, "a non-blocking recv with nothing to read fails");
    tap_int(WSAGetLastError(), WSAEWOULDBLOCK, "with WSAEWOULDBLOCK");
    send(accepted, "xyz", 3, 0);
    Sleep(50);
    u_long pending = 0;
    tap_ok(ioctlsocket(client, FIONREAD, &pending) == 0 && pending == 3, "FIONREAD counts what is waiting");

    int type = 0;
    len = sizeof type;
    tap_ok(getsockopt(client, SOL_SOCKET, SO_TYPE, (char *)&type, &len) == 0 && type == SOCK_STREAM,
           "getsockopt SO_TYPE");
    DWORD timeout = 1500;
    tap_int(setsockopt(accepted, SOL_SOCKET, SO_RCVTIMEO, (const char *)&timeout, sizeof timeout), 0,
            "SO_RCVTIMEO takes milliseconds");
    timeout = 0;
    len = sizeof timeout;
    tap_ok(getsockopt(accepted, SOL_SOCKET, SO_RCVTIMEO, (char *)&timeout, &len) == 0 && timeout == 1500,
           "and gives them back");

    tap_int(shutdown(client, SD_SEND), 0, "shutdown(SD_SEND)");
    tap_int(recv(accepted, buf, sizeof buf, 0), 0, "the peer sees the end of the stream");
    tap_int(closesocket(client), 0, "closesocket");
    closesocket(accepted);
    closesocket(server);
    tap_int(closesocket(client), SOCKET_ERROR, "closing it again fails");
    tap_int(WSAGetLastError(), WSAENOTSOCK, "with WSAENOTSOCK");
}

static void test_errors(void)
{
    SOCKET s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&addr, sizeof addr);
    int len = sizeof addr;
    getsockname(s, (struct sockaddr *)&addr, &len);
    closesocket(s);  /* the port is now closed: nothing listens there */
    s = socket(AF_INET, SOCK_STREAM, 0);
    tap_int(connect(s, (struct sockaddr *)&addr, sizeof addr), SOCKET_ERROR, "connect to a closed port fails");
    tap_int(WSAGetLastError(), WSAECONNREFUSED, "with WSAECONNREFUSED");
    closesocket(s);
    tap_int(send((SOCKET)0x1234, "x", 1, 0), SOCKET_ERROR, "send on a value that is no socket");
    tap_int(WSAGetLastError(), WSAENOTSOCK, "gives WSAENOTSOCK");
}

static void test_addrinfo(void)
{
    struct addrinfo hints = {0}, *list = NULL;
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICHOST;
    tap_int(getaddrinfo("127.0.0.1", "8080", &hints, &list), 0, "getaddrinfo of a numeric address");
    tap_ok(list && list->ai_family == AF_INET && list->ai_socktype == SOCK_STREAM &&
           list->ai_addrlen == sizeof(struct sockaddr_in), "one IPv4 stream entry");
    if (list) {
        struct sockaddr_in *a = (struct sockaddr_in *)list->ai_addr;
        tap_ok(a->sin_family == AF_INET && ntohs(a->sin_port) == 8080 && a->sin_addr.s_addr == htonl(INADDR_LOOPBACK),
               "its address");
        freeaddrinfo(list);
    }
    hints.ai_family = AF_INET6;
    list = NULL;
    tap_int(getaddrinfo("::1", "80", &hints, &list), 0, "getaddrinfo of ::1");
    tap_ok(list && list->ai_family == AF_INET6 && ((struct sockaddr *)list->ai_addr)->sa_family == AF_INET6,
           "AF_INET6 is Windows' number (23) in the entry and the address");
    if (list) freeaddrinfo(list);
    list = NULL;
    hints.ai_family = AF_INET;
    tap_int(getaddrinfo("not an address", NULL, &hints, &list), WSAHOST_NOT_FOUND,
            "a numeric-only lookup of a name gives WSAHOST_NOT_FOUND");
}

int main(void)
{
    WSADATA data;
    tap_int(WSAStartup(MAKEWORD(2, 2), &data), 0, "WSAStartup(2.2)");
    tap_int(data.wVersion, MAKEWORD(2, 2), "version 2.2");
    test_tcp();
    test_errors();
    test_addrinfo();
    tap_int(WSACleanup(), 0, "WSACleanup");
    return tap_done();
}
