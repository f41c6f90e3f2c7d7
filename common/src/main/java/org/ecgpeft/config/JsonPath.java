package org.ecgpeft.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The dotted path of a key in a JSON document, as error messages show it: {@code models[2].peft.rank}. */
final class JsonPath {

    private JsonPath() {}

    /** {@code child} under {@code parent}: a dot before a name, none before an index. */
    static String join(String parent, String child) {
        if (parent.isEmpty()) {
            return child;
        }
        return child.isEmpty() || child.startsWith("[") ? parent + child : parent + "." + child;
    }

    /** The path of Jackson's references, e.g. {@code families.hubert.tiny}. */
    static String of(List<JsonMappingException.Reference> refs) {
        String path = "";
        for (JsonMappingException.Reference r : refs) {
            path = join(path, r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
        }
        return path;
    }

    /** The node at Jackson's references under {@code root}, or null where the path leaves the tree. */
    static JsonNode find(JsonNode root, List<JsonMappingException.Reference> refs) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : refs) {
            if (n == null) {
                return null;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
        }
        return n;
    }
}
