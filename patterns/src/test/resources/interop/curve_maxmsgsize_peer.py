"""A libzmq CURVE peer for MAXMSGSIZE: as a server (PULL, MAXMSGSIZE given) it binds, prints
BOUND <endpoint>, then GOT <bytes> for each message until nothing comes for 3 s; as a client (PUSH)
it connects and sends one single-frame message of each given size, then lingers 2 s."""
import argparse
import sys

import zmq


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--role", choices=["server", "client"], required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--server-public", required=True, help="Z85")
    parser.add_argument("--server-secret", default="", help="Z85 (server)")
    parser.add_argument("--maxmsgsize", type=int, default=-1)
    parser.add_argument("--size", type=int, action="append", default=[])
    args = parser.parse_args()
    context = zmq.Context()
    if args.role == "server":
        socket = context.socket(zmq.PULL)
        socket.curve_server = True
        socket.curve_secretkey = args.server_secret.encode("ascii")
        socket.maxmsgsize = args.maxmsgsize
        socket.bind(args.endpoint)
        print("BOUND " + socket.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
        while socket.poll(3000):
            print("GOT %d" % len(socket.recv()), flush=True)
    else:
        public, secret = zmq.curve_keypair()
        socket = context.socket(zmq.PUSH)
        socket.curve_serverkey = args.server_public.encode("ascii")
        socket.curve_publickey = public
        socket.curve_secretkey = secret
        socket.linger = 2000
        socket.connect(args.endpoint)
        for size in args.size:
            socket.send(b"x" * size)
    socket.close()
    context.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
