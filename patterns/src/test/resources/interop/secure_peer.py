# A libzmq peer for MeshMQ's security interop tests: a REQ client or a REP server using PLAIN or CURVE,
# the server judged by pyzmq's ThreadAuthenticator. The one argument is a JSON object:
#   role: "server" | "client"; mech: "plain" | "curve"; bind: true | false; endpoint (when connecting);
#   user, password (PLAIN client); secret, public (CURVE, Z85); serverkey (CURVE client, Z85);
#   certdir (CURVE server: allow only the certificates there; else any key); timeout (ms).
# Prints "BOUND <endpoint>" or "CONNECTING", then "SERVED <request>" / "REPLY <reply>" or "TIMEOUT".
import json
import sys

import zmq
import zmq.auth
from zmq.auth.thread import ThreadAuthenticator

a = json.loads(sys.argv[1])
ctx = zmq.Context()
auth = None
if a['role'] == 'server':
    auth = ThreadAuthenticator(ctx)
    auth.start()
    if a['mech'] == 'plain':
        auth.configure_plain(domain='*', passwords={'admin': 'secret'})
    elif a.get('certdir'):
        auth.configure_curve(domain='*', location=a['certdir'])
    else:
        auth.configure_curve(domain='*', location=zmq.auth.CURVE_ALLOW_ANY)
s = ctx.socket(zmq.REP if a['role'] == 'server' else zmq.REQ)
s.linger = 1000
s.rcvtimeo = s.sndtimeo = int(a.get('timeout', 3000))
if a['mech'] == 'plain':
    if a['role'] == 'server':
        s.plain_server = True
    else:
        s.plain_username = a['user'].encode()
        s.plain_password = a['password'].encode()
else:
    s.curve_secretkey = a['secret'].encode()
    s.curve_publickey = a['public'].encode()
    if a['role'] == 'server':
        s.curve_server = True
    else:
        s.curve_serverkey = a['serverkey'].encode()
if a['bind']:
    port = s.bind_to_random_port('tcp://127.0.0.1')
    print('BOUND tcp://127.0.0.1:%d' % port, flush=True)
else:
    s.connect(a['endpoint'])
    print('CONNECTING', flush=True)
try:
    if a['role'] == 'server':
        request = s.recv()
        s.send(b'pong:' + request)
        print('SERVED', request.decode(), flush=True)
    else:
        s.send(b'ping')
        print('REPLY', s.recv().decode(), flush=True)
except zmq.Again:
    print('TIMEOUT', flush=True)
s.close()
if auth:
    auth.stop()
ctx.term()
