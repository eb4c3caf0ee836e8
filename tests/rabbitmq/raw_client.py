#!/usr/bin/python3
"""A client of the hub's bus that is not MassTransit (nor .NET): pika, Debian's python3-pika.

Sends GetHouseholdProfile requests as MassTransit's JSON envelope, raw bytes on the wire, to the hub's
request exchange, with a reply exchange and queue of its own as the response address, and prints each reply
as one JSON line: {"case", "messageType", "message"} (or {"case", "timeout": true}).

  raw_client.py --vhost VHOST --applicant FIN [--host 127.0.0.1] [--port 5672] [--timeout 30]

Cases: "valid" (a well-formed request), "wrong-types" (applicant as a number), "duplicate-keys" (applicant
given twice). Used by tests/IntegrationHub.Hub.Tests/Messaging/RabbitMq/RawAmqpClientTests.cs.
"""
import argparse
import json
import sys
import time
import uuid

import pika

REQUEST_URN = "urn:message:IntegrationHub.Contracts.Messaging:GetHouseholdProfile"


def message_json(case, request_id, applicant):
    """The message part, as text: a key given twice cannot be written as a Python dict."""
    common = '"purpose":"targeted-social-assistance","caseNumber":"PIKA-%s","requestingSubsystem":"assistance"' % case
    if case == "valid":
        return '{"requestId":"%s","applicant":"%s",%s}' % (request_id, applicant, common)
    if case == "wrong-types":
        return '{"requestId":"%s","applicant":42,%s}' % (request_id, common)
    if case == "duplicate-keys":
        return '{"requestId":"%s","applicant":"%s","applicant":"ZZZZZZ9",%s}' % (request_id, applicant, common)
    raise ValueError(case)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5672)
    parser.add_argument("--vhost", required=True)
    parser.add_argument("--applicant", required=True)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--cases", default="valid,wrong-types,duplicate-keys")
    args = parser.parse_args()

    credentials = pika.PlainCredentials("guest", "guest")
    connection = pika.BlockingConnection(pika.ConnectionParameters(args.host, args.port, args.vhost, credentials))
    channel = connection.channel()

    # The reply address, declared as MassTransit declares a temporary one (so its own declaration matches).
    reply = "pika-reply-" + uuid.uuid4().hex[:12]
    channel.exchange_declare(reply, exchange_type="fanout", durable=False, auto_delete=True)
    channel.queue_declare(reply, exclusive=True, auto_delete=True)
    channel.queue_bind(reply, reply)
    # The broker's address as the hub knows it (host, and the port only when it is not AMQP's own).
    base = "rabbitmq://%s%s/%s" % (args.host, "" if args.port == 5672 else ":%d" % args.port, args.vhost)

    for case in args.cases.split(","):
        request_id = str(uuid.uuid4())
        envelope = (
            '{"messageId":"%s","requestId":"%s","conversationId":"%s","sourceAddress":"%s/%s",'
            '"destinationAddress":"%s/get-household-profile","responseAddress":"%s/%s?durable=false&autodelete=true",'
            '"messageType":["%s"],"message":%s,"sentTime":"%s","headers":{}}'
        ) % (uuid.uuid4(), request_id, uuid.uuid4(), base, reply, base, base, reply, REQUEST_URN,
             message_json(case, request_id, args.applicant), time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        channel.basic_publish(
            exchange="get-household-profile",
            routing_key="",
            body=envelope.encode("utf-8"),
            properties=pika.BasicProperties(content_type="application/vnd.masstransit+json", delivery_mode=2,
                                            message_id=str(uuid.uuid4())))

        answer = {"case": case, "timeout": True}
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            method, _, body = channel.basic_get(reply, auto_ack=True)
            if method is None:
                connection.sleep(0.1)
                continue
            received = json.loads(body)
            if received.get("requestId") != request_id:
                continue
            answer = {"case": case, "messageType": received.get("messageType"), "message": received.get("message")}
            break
        print(json.dumps(answer), flush=True)

    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
