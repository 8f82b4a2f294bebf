package org.jpyro.daemon;

import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.Serializer;

/** Serpent under another name and other ids: stands in for a serializer bundle in daemon tests. */
final class AliasSerializer implements Serializer {
    private final String name;
    private final int pyro4Id;
    private final int pyro5Id;

    AliasSerializer(String name, int pyro4Id, int pyro5Id) {
        this.name = name;
        this.pyro4Id = pyro4Id;
        this.pyro5Id = pyro5Id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int id(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? pyro4Id : pyro5Id;
    }

    @Override
    public byte[] serializeData(Object data, ProtocolVersion version) {
        return RawClient.SERPENT.serializeData(data, version);
    }

    @Override
    public Object deserializeData(byte[] data, ProtocolVersion version) {
        return RawClient.SERPENT.deserializeData(data, version);
    }

    @Override
    public byte[] serializeCall(Call call, ProtocolVersion version) {
        return RawClient.SERPENT.serializeCall(call, version);
    }

    @Override
    public Call deserializeCall(byte[] data, ProtocolVersion version) {
        return RawClient.SERPENT.deserializeCall(data, version);
    }
}
