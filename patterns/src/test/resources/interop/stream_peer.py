#!/usr/bin/python3
"""A libzmq STREAM peer for MeshMQ's STREAM interop tests (Debian's python3-zmq).

--bind ENDPOINT: prints "BOUND <endpoint>", then serves one connection: answers every data chunk
    with its upper-case copy; once the text received contains "bye" it closes that connection by
    sending [id, empty] and prints "CLOSED".
--connect ENDPOINT: waits for the connect notification, sends "ping", prints "GOT <text>" once
    "PONG" has arrived, then waits for the disconnect notification and prints "DISCONNECTED".
Prints DONE at the end; any step taking longer than --timeout seconds exits with status 1.
"""
import argparse
import sys

import zmq


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bind")
    parser.add_argument("--connect")
    parser.add_argument("--timeout", type=float, default=5)
    args = parser.parse_args()
    context = zmq.Context()
    stream = context.socket(zmq.STREAM)
    stream.setsockopt(zmq.LINGER, 1000)
    stream.setsockopt(zmq.RCVTIMEO, int(args.timeout * 1000))
    stream.setsockopt(zmq.SNDTIMEO, int(args.timeout * 1000))
    try:
        if args.bind:
            stream.bind(args.bind)
            print("BOUND " + stream.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
            serve(stream)
        else:
            stream.connect(args.connect)
            client(stream)
    except zmq.Again:
        print("timed out after %s s" % args.timeout, file=sys.stderr)
        return 1
    finally:
        stream.close()
        context.term()
    print("DONE", flush=True)
    return 0


def serve(stream):
    peer, data = stream.recv_multipart()
    if data:
        raise SystemExit("expected the connect notification, got %r" % data)
    seen = b""
    while b"bye" not in seen:
        identity, data = stream.recv_multipart()
        if identity != peer or not data:
            raise SystemExit("unexpected %r %r" % (identity, data))
        seen += data
        stream.send_multipart([peer, data.upper()])
    stream.send_multipart([peer, b""])
    print("CLOSED", flush=True)


def client(stream):
    peer, data = stream.recv_multipart()
    if data:
        raise SystemExit("expected the connect notification, got %r" % data)
    stream.send_multipart([peer, b"ping"])
    seen = b""
    while b"PONG" not in seen:
        identity, data = stream.recv_multipart()
        if not data:
            raise SystemExit("disconnected before PONG")
        seen += data
    print("GOT " + seen.decode(), flush=True)
    identity, data = stream.recv_multipart()
    if data:
        raise SystemExit("expected the disconnect notification, got %r" % data)
    print("DISCONNECTED", flush=True)


if __name__ == "__main__":
    sys.exit(main())
