# A Python Pyro4 daemon for CallContext interop tests: reports the call context it sees.
import binascii
import Pyro4


@Pyro4.expose
class ContextService(object):
    def context_info(self):
        ctx = Pyro4.current_context
        annotations = {k: binascii.hexlify(v).decode("ascii") for k, v in sorted(ctx.annotations.items())}
        ctx.response_annotations["RSPA"] = b"response-annotation"
        return {"request_annotations": annotations,
                "correlation_id": str(ctx.correlation_id) if ctx.correlation_id else None}

    def echo(self, x):
        return x


daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
print("context uri: %s" % daemon.register(ContextService(), "test.context"), flush=True)
daemon.requestLoop()
