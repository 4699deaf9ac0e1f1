#!/usr/bin/python3
"""A libzmq peer for the meshmq command-line tests (Debian's /usr/bin/python3 with python3-zmq).

Connects one socket to --connect, then:
  --send MSG ...   sends each message (frames split at '|'); a REQ waits for each reply and a
                   PUB/XPUB first waits for a subscription (XPUB) or --settle seconds (PUB)
  --recv N         receives N messages; a REP or ROUTER echoes each one back
  --to ID          ROUTER: the routing id each sent message goes to (ROUTER_MANDATORY; retried
                   until that peer has connected)
  --identity ID    the socket's own routing id
Prints one line per message received, frames joined by '|', then DONE. Every blocking step gives
up after --timeout seconds with a line on stderr and exit status 1.
"""
import argparse
import sys
import time

import zmq


def frames(text):
    return [part.encode() for part in text.split("|")]


def show(message):
    print("|".join(frame.decode(errors="replace") for frame in message), flush=True)


def send_to(socket, peer, message, timeout):
    """ROUTER_MANDATORY refuses a peer not connected yet: retry until it is, or time out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.send_multipart([peer] + message)
            return
        except zmq.ZMQError as error:
            if error.errno != zmq.EHOSTUNREACH or time.monotonic() > deadline:
                raise zmq.Again() if error.errno == zmq.EHOSTUNREACH else error
            time.sleep(0.01)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--type", required=True, choices=["PUSH", "PULL", "REQ", "REP", "XPUB", "SUB", "DEALER",
                                                           "ROUTER"])
    parser.add_argument("--connect", required=True)
    parser.add_argument("--send", nargs="*", default=[])
    parser.add_argument("--recv", type=int, default=0)
    parser.add_argument("--subscribe", default="")
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--to")
    parser.add_argument("--identity")
    args = parser.parse_args()

    context = zmq.Context()
    socket = context.socket(getattr(zmq, args.type))
    # A SUB re-queues its subscription for the next reconnect once the publisher has gone, and a
    # linger would then wait for it in vain; the sending roles keep one to flush what they sent.
    socket.setsockopt(zmq.LINGER, 0 if args.type == "SUB" else int(args.timeout * 1000))
    socket.setsockopt(zmq.RCVTIMEO, int(args.timeout * 1000))
    socket.setsockopt(zmq.SNDTIMEO, int(args.timeout * 1000))
    if args.type == "SUB":
        socket.setsockopt(zmq.SUBSCRIBE, args.subscribe.encode())
    if args.type == "ROUTER":
        socket.setsockopt(zmq.ROUTER_MANDATORY, 1)
    if args.identity:
        socket.setsockopt(zmq.ROUTING_ID, args.identity.encode())
    socket.connect(args.connect)
    try:
        if args.type == "XPUB" and args.send:
            socket.recv()
        for message in args.send:
            if args.to is not None:
                send_to(socket, args.to.encode(), frames(message), args.timeout)
            else:
                socket.send_multipart(frames(message))
            if args.type == "REQ":
                show(socket.recv_multipart())
        for _ in range(args.recv):
            message = socket.recv_multipart()
            show(message)
            if args.type in ("REP", "ROUTER"):
                socket.send_multipart(message)
    except zmq.Again:
        print("timed out after %s s" % args.timeout, file=sys.stderr)
        return 1
    finally:
        socket.close()
        context.term()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
