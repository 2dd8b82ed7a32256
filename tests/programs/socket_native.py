# The socket module over arenapy's native _socket: a socketpair, a TCP server and client on
# the loopback within one process, name resolution of a numeric address, byte order, the
# inet_* helpers, timeouts and errors.
import socket
import selectors


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# A connected pair.
a, b = socket.socketpair()
print(a.family, a.type, a.proto, a.gettimeout(), a.getblocking())
print(repr(a.family), repr(b.type))
a.sendall(b"hello, pair")
print(b.recv(100))
buf = bytearray(8)
b.sendall(b"back")
print(a.recv_into(buf), bytes(buf))
b.setblocking(False)
show(lambda: b.recv(1))
b.settimeout(0.05)
show(lambda: b.recv(1))
a.shutdown(socket.SHUT_WR)
print(b.recv(10))
a.close()
b.close()
print(a.fileno(), b.fileno())
show(lambda: a.send(b"x"))

# A TCP server and a client on 127.0.0.1, port chosen by the system; the steps are ordered so
# that nothing blocks.
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(server.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
server.bind(("127.0.0.1", 0))
server.listen()
host, port = server.getsockname()
print(host, 0 < port < 65536)
client = socket.create_connection((host, port), timeout=5)
conn, addr = server.accept()
print(addr == client.getsockname(), conn.getpeername() == client.getsockname())
print(type(conn).__name__, conn.family, conn.type, conn.gettimeout())
client.sendall(b"request\n")
f = conn.makefile("rb")
print(f.readline())
f.close()
conn.sendall(b"x" * 100000)
got = 0
while got < 100000:
    got += len(client.recv(65536))
print(got)
sel = selectors.DefaultSelector()
sel.register(client, selectors.EVENT_READ)
print(sel.select(0))
conn.close()
print([(key.fileobj is client, ev) for key, ev in sel.select(1)])
sel.close()
print(client.recv(10))
client.close()
server.close()
print(repr(server))
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    closed_port = s.getsockname()[1]
with socket.socket() as s:
    show(lambda: s.connect(("127.0.0.1", closed_port)))
    print(s.connect_ex(("127.0.0.1", closed_port)) != 0)

# UDP datagrams.
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.sendto(b"datagram", u1.getsockname())
data, sender = u1.recvfrom(100)
print(data, sender[1] == u2.getsockname()[1])
u1.close()
u2.close()

# Name resolution of numeric addresses, byte order and address text.
print(socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", "80", socket.AF_INET6, socket.SOCK_DGRAM))
print(socket.gethostbyname("127.0.0.1"))
print(socket.getnameinfo(("127.0.0.1", 8080), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
print(socket.inet_aton("10.1.2.3"), socket.inet_aton("127.1"), socket.inet_ntoa(b"\xc0\xa8\x00\x01"))
print(socket.inet_pton(socket.AF_INET, "1.2.3.4"), socket.inet_ntop(socket.AF_INET, b"\x01\x02\x03\x04"))
packed = socket.inet_pton(socket.AF_INET6, "2001:db8::1")
print(packed.hex(), socket.inet_ntop(socket.AF_INET6, packed))
print(socket.inet_ntop(socket.AF_INET6, bytes(10) + b"\xff\xff\x7f\x00\x00\x01"))

# Errors.
show(lambda: socket.htons(-1))
show(lambda: socket.htonl(2 ** 32))
show(lambda: socket.inet_aton("1.2.3.4.5"))
show(lambda: socket.inet_ntoa(b"123"))
show(lambda: socket.inet_pton(socket.AF_INET, "256.0.0.1"))
show(lambda: socket.inet_ntop(socket.AF_INET6, b"short"))
show(lambda: socket.getaddrinfo("127.0.0.1", 1.5))
show(lambda: socket.getaddrinfo("not an address", 80, flags=socket.AI_NUMERICHOST))
show(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM, fileno=-1))
with socket.socket() as s:
    show(lambda: s.bind("127.0.0.1"))
    show(lambda: s.bind(("127.0.0.1", 70000)))
    show(lambda: s.recv(-1))
    show(lambda: s.settimeout(-1))
    show(lambda: s.getpeername())
print(socket.error is OSError, socket.timeout is TimeoutError, issubclass(socket.gaierror, OSError))
print(socket.getdefaulttimeout())
