package org.ecgpeft.tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fairseq(-signals) checkpoint: a torch zip file holding {@code {"cfg": ..., "model": state_dict}}
 * (older ones: {@code "args"}, an argparse Namespace, instead of {@code "cfg"}). The configuration
 * is decoded into plain maps, lists and primitives: Namespace attributes and omegaconf
 * DictConfig/ListConfig contents become maps/lists; other Python objects become a map with
 * {@code "__class__"}, {@code "args"} and {@code "state"}.
 */
public final class FairseqCheckpoint implements AutoCloseable {

    private final TorchArchive archive;
    private final Map<String, Object> cfg;
    private final TorchStateDict model;

    private FairseqCheckpoint(TorchArchive archive, Map<String, Object> cfg, TorchStateDict model) {
        this.archive = archive;
        this.cfg = cfg;
        this.model = model;
    }

    /** Opens the checkpoint; the returned object owns the file until closed. */
    public static FairseqCheckpoint open(Path pt) throws IOException {
        TorchArchive archive = TorchArchive.open(pt);
        try {
            if (!(archive.root() instanceof Map<?, ?> root)) {
                throw new IOException(pt + " is not a fairseq checkpoint: the top level is not a dict");
            }
            if (!(root.get("model") instanceof Map<?, ?> state)) {
                throw new IOException(
                        pt + " is not a fairseq checkpoint: no \"model\" state dict (keys: " + root.keySet() + ")");
            }
            Object rawCfg = root.get("cfg") != null ? root.get("cfg") : root.get("args");
            Map<String, Object> cfg = rawCfg == null ? Map.of() : asMap(decode(rawCfg), pt);
            return new FairseqCheckpoint(archive, cfg, new TorchStateDict(archive, state, false));
        } catch (IOException e) {
            archive.close();
            throw e;
        } catch (RuntimeException e) {
            archive.close();
            throw new IOException("cannot decode the fairseq checkpoint " + pt + ": " + e, e);
        }
    }

    /** The decoded {@code "cfg"} dict (e.g. {@code cfg().get("model")}), unmodifiable at the top level. */
    public Map<String, Object> cfg() {
        return cfg;
    }

    /** The {@code "model"} state dict; valid until this checkpoint is closed (closing it is a no-op). */
    public TensorReader model() {
        return model;
    }

    @Override
    public void close() {
        archive.close();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object decoded, Path pt) throws IOException {
        if (decoded instanceof Map<?, ?> map) {
            return Collections.unmodifiableMap((Map<String, Object>) map);
        }
        throw new IOException("the cfg of " + pt + " is not a dict-like object: " + decoded);
    }

    /** Converts an unpickled value to maps, lists and primitives. */
    static Object decode(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), decode(v)));
            return out;
        }
        if (value instanceof Object[] tuple) {
            return decodeList(Arrays.asList(tuple));
        }
        if (value instanceof List<?> list) {
            return decodeList(list);
        }
        if (value instanceof PickledObject object) {
            return decodeObject(object);
        }
        return value;
    }

    private static List<Object> decodeList(List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(v -> out.add(decode(v)));
        return out;
    }

    private static Object decodeObject(PickledObject object) {
        Object state = object.state();
        // omegaconf pickles DictConfig/ListConfig with their children in "_content" and leaf nodes
        // with their value in "_val"; argparse.Namespace pickles its attributes as the state dict.
        if (state instanceof Map<?, ?> map) {
            if (map.containsKey("_content")) {
                return decode(map.get("_content"));
            }
            if (map.containsKey("_val")) {
                return decode(map.get("_val"));
            }
            if (object.args().isEmpty()) {
                return decode(map);
            }
        }
        Map<String, Object> generic = new LinkedHashMap<>();
        generic.put("__class__", object.className());
        generic.put("args", decodeList(object.args()));
        if (state != null) {
            generic.put("state", decode(state));
        }
        return generic;
    }
}
