package org.ecgpeft.tensor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpickles the {@code data.pkl} of a torch zip checkpoint. Pyrolite registers class constructors
 * in a static map ({@code Unpickler.registerConstructor}), which this project avoids; its
 * global-lookup methods are package-private, so this subclass intercepts the GLOBAL, STACK_GLOBAL
 * and BUILD opcodes in {@link #dispatch(short)} and resolves classes per instance. Tensors become
 * {@link TorchTensorRef}s (no data is read here); unknown classes become {@link PickledObject}s.
 */
final class TorchUnpickler extends Unpickler {

    private static final Logger LOG = LoggerFactory.getLogger(TorchUnpickler.class);

    /**
     * Unpickles a whole pickle held in memory. Opcodes that declare a payload length are checked against the
     * bytes left first, so a damaged length fails here instead of allocating what the pickle cannot hold.
     */
    Object load(byte[] pickle) throws IOException {
        return load(new ByteArrayInputStream(pickle));
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        int lengthBytes = switch (key) {
            case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.LONG4 -> 4;
            case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8, Opcodes.FRAME -> 8;
            default -> 0;
        };
        if (lengthBytes > 0) {
            requirePayload(key, lengthBytes);
        }
        if (key == Opcodes.GLOBAL) {
            String module = PickleUtils.readline(input);
            String name = PickleUtils.readline(input);
            stack.add(resolve(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.STACK_GLOBAL) {
            String name = (String) stack.pop();
            String module = (String) stack.pop();
            stack.add(resolve(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.BUILD) {
            Object state = stack.pop();
            applyState(stack.peek(), state);
            return NO_RETURN_VALUE;
        }
        return super.dispatch(key);
    }

    /** Peeks at a little-endian length and refuses it when the input has fewer bytes left after it. */
    private void requirePayload(short key, int lengthBytes) throws IOException {
        if (!(input instanceof ByteArrayInputStream in)) {
            throw new IllegalStateException("TorchUnpickler reads pickles from memory only (load(byte[]))");
        }
        in.mark(lengthBytes);
        byte[] bytes = in.readNBytes(lengthBytes);
        in.reset();
        long left = in.available() - (long) lengthBytes;
        long length = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            length = length << 8 | (bytes[i] & 0xff);
        }
        if (lengthBytes == 4) {
            length = (int) length; // Pyrolite reads 4-byte lengths as signed ints
        }
        if (bytes.length < lengthBytes || length < 0 || length > left) {
            throw new PickleException("opcode 0x" + Integer.toHexString(key & 0xff) + " declares " + length
                    + " bytes but the pickle has " + Math.max(left, 0) + " left");
        }
    }

    /** Persistent ids of torch storages: ('storage', storage type, key, location, numel). */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] tuple) || tuple.length < 5 || !"storage".equals(tuple[0])) {
            throw new PickleException("unsupported persistent id " + describe(pid));
        }
        if (!(tuple[1] instanceof TorchStorageType type)) {
            throw new PickleException("unsupported storage type " + describe(tuple[1]));
        }
        return new TorchStorageRef(type.dtype(), String.valueOf(tuple[2]), toLong(tuple[4]));
    }

    private static IObjectConstructor resolve(String module, String name) {
        String qualified = module + "." + name;
        switch (qualified) {
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor":
                return args -> new TorchTensorRef(
                        (TorchStorageRef) args[0], toLong(args[1]), toLongs(args[2]), toLongs(args[3]));
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state":
                return args -> args[0];
            case "torch._tensor._rebuild_from_type_v2":
                // (func, type, args, state): rebuild with func, ignore the tensor subclass.
                return args -> ((IObjectConstructor) args[0]).construct((Object[]) args[2]);
            case "collections.OrderedDict":
                return TorchUnpickler::orderedDict;
            case "torch.device":
                return args -> String.valueOf(args[0]);
            case "torch.Size":
                return args -> args.length == 0 ? List.of() : args[0];
            default:
                break;
        }
        if (module.equals("torch") && name.endsWith("Storage")) {
            return new TorchStorageType(TensorDType.fromTorchStorage(name));
        }
        // Pyrolite's built-in constructors (set, bytearray, datetime, copyreg._reconstructor, ...);
        // only read here, never registered into.
        IObjectConstructor builtin = objectConstructors.get(qualified);
        if (builtin != null) {
            return builtin;
        }
        return args -> new PickledObject(qualified, Arrays.asList(args));
    }

    private static Object orderedDict(Object[] args) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (args.length > 0 && args[0] instanceof List<?> items) {
            for (Object item : items) {
                Object[] pair = item instanceof List<?> l ? l.toArray() : (Object[]) item;
                map.put(pair[0], pair[1]);
            }
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static void applyState(Object target, Object state) {
        if (target instanceof PickledObject object) {
            object.setState(state);
        } else if (target instanceof Map && state instanceof Map) {
            ((Map<Object, Object>) target).putAll((Map<Object, Object>) state);
        } else {
            // Python attributes on tensors, numpy internals and the like carry nothing a state dict
            // or a config needs; failing here would make whole checkpoints unreadable.
            if (LOG.isDebugEnabled()) {
                LOG.debug("ignoring pickled state {} of {}", describe(state), describe(target));
            }
        }
    }

    static long toLong(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new PickleException("expected an integer, got " + describe(value));
    }

    private static long[] toLongs(Object value) {
        Object[] items = value instanceof List<?> l ? l.toArray() : (Object[]) value;
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = toLong(items[i]);
        }
        return out;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        return value instanceof Object[] tuple
                ? Arrays.deepToString(tuple)
                : value.getClass().getSimpleName() + " " + value;
    }

    /** A torch legacy storage class such as {@code torch.FloatStorage}, used only as a type tag. */
    record TorchStorageType(TensorDType dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch storage classes are not constructed directly (" + dtype + ")");
        }
    }
}
