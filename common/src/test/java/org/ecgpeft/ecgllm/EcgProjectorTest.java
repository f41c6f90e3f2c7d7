package org.ecgpeft.ecgllm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.ecgpeft.eval.AnswerParser;
import org.ecgpeft.eval.ParsedAnswer;
import org.junit.jupiter.api.Test;

class EcgProjectorTest {

    @Test
    void projectorHasTheReferenceLayoutAndMapsFeaturesToEmbeddings() {
        EcgProjector p = new EcgProjector(1024, 64, 0.1f);
        assertEquals(
                List.of("0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias"),
                List.copyOf(p.namedParameters().keySet()));
        assertEquals(1024L * 64 + 64 + 2 * 64 + 64 * 64 + 64, p.countParameters(false));
        try (NDManager m = NDManager.newBaseManager()) {
            p.materialize(m, DataType.FLOAT32, true);
            NDArray x = m.randomNormal(new Shape(3, 1024));
            NDArray y = p.forward(x, false);
            assertEquals(new Shape(3, 64), y.getShape());
            assertTrue(y.sub(p.forward(x, false)).abs().max().getFloat() == 0f, "eval mode is deterministic");
        }
    }

    @Test
    void bothTemplatesAnswerInWordsTheirParserReadsBack() {
        for (PromptTemplate t : List.of(PromptTemplate.CHINESE, PromptTemplate.ENGLISH)) {
            AnswerParser parser = new AnswerParser(t.vocabulary());
            assertEquals(ParsedAnswer.NEGATIVE, parser.parse(t.answer(0)));
            assertEquals(ParsedAnswer.POSITIVE, parser.parse(t.answer(1)));
        }
        assertEquals(PromptTemplate.CHINESE, PromptTemplate.named("zh"));
        assertThrows(IllegalArgumentException.class, () -> PromptTemplate.named("fr"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new PromptTemplate("no placeholder", "a", "b", PromptTemplate.CHINESE.vocabulary()));
    }
}
