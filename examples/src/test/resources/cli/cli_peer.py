#!/usr/bin/python3
"""A libzmq peer for the meshmq command-line tests (Debian's /usr/bin/python3 with python3-zmq).

Connects one socket to --connect, then:
  --send MSG ...   sends each message (frames split at '|'); a REQ waits for each reply and a
                   PUB/XPUB first waits for a subscription (XPUB) or --settle seconds (PUB)
  --recv N         receives N messages; a REP echoes each one back
Prints one line per message received, frames joined by '|', then DONE. Every blocking step gives
up after --timeout seconds with a line on stderr and exit status 1.
"""
import argparse
import sys

import zmq


def frames(text):
    return [part.encode() for part in text.split("|")]


def show(message):
    print("|".join(frame.decode(errors="replace") for frame in message), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--type", required=True, choices=["PUSH", "PULL", "REQ", "REP", "XPUB", "SUB", "DEALER"])
    parser.add_argument("--connect", required=True)
    parser.add_argument("--send", nargs="*", default=[])
    parser.add_argument("--recv", type=int, default=0)
    parser.add_argument("--subscribe", default="")
    parser.add_argument("--timeout", type=float, default=10)
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
    socket.connect(args.connect)
    try:
        if args.type == "XPUB" and args.send:
            socket.recv()
        for message in args.send:
            socket.send_multipart(frames(message))
            if args.type == "REQ":
                show(socket.recv_multipart())
        for _ in range(args.recv):
            message = socket.recv_multipart()
            show(message)
            if args.type == "REP":
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
