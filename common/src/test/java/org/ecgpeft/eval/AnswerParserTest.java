package org.ecgpeft.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ecgpeft.ecgllm.PromptTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerParserTest {

    private static final AnswerParser CHINESE = new AnswerParser(AnswerVocabulary.CHINESE);
    private static final AnswerParser ENGLISH = new AnswerParser(AnswerVocabulary.ENGLISH);

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // the two training templates
                "经过分析，该心电图显示为正常窦性心律，无房颤。|NEGATIVE",
                "经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。|POSITIVE",
                // bare markers
                "无房颤|NEGATIVE",
                "有房颤|POSITIVE",
                // 没有房颤 contains 有房颤 but is the longer negative marker
                "该心电图没有房颤。|NEGATIVE",
                "未见房颤|NEGATIVE",
                // repeated marker of one polarity is still one answer
                "无房颤。无房颤。|NEGATIVE",
                // a bare 房颤 or a truncated positive template commits to nothing
                "房颤|INVALID",
                "经过分析，该心电图显示特征符合房颤（AF）表现|INVALID",
                "正常窦性心律|INVALID",
                // contradictions
                "有房颤，无房颤|INVALID",
                "经过分析，该心电图显示为正常窦性心律，无房颤。经过分析，该心电图显示特征符合房颤（AF）表现，有房颤。|INVALID",
                // half-width punctuation and spaces inside the answer do not matter
                "经过分析, 该心电图显示特征符合房颤(AF)表现, 有房颤.|POSITIVE",
                // English text against the Chinese vocabulary
                "shows atrial fibrillation|INVALID",
                // negations that contain a positive marker (未患有房颤 holds 有房颤, 不是房颤 holds 是房颤)
                "该患者未患有房颤。|NEGATIVE",
                "未患有房颤|NEGATIVE",
                "不是房颤|NEGATIVE",
                "该心电图不符合房颤表现，无房颤。|NEGATIVE",
                "并未发现房颤|NEGATIVE",
                "诊断为房颤|POSITIVE",
                "该患者患有房颤。|POSITIVE",
                // the prompt's question is not an answer, whether echoed alone or next to one
                "请判断该患者是否患有房颤？|INVALID",
                "有无房颤？|INVALID",
                "是否患有房颤？无房颤。|NEGATIVE",
                "未患有房颤，有房颤|INVALID",
            })
    void chinese(String answer, ParsedAnswer expected) {
        assertEquals(expected, CHINESE.parse(answer));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "After analysis, this ECG shows normal sinus rhythm, no atrial fibrillation.|NEGATIVE",
                "After analysis, this ECG shows atrial fibrillation.|POSITIVE",
                "After analysis, this ECG shows features consistent with atrial fibrillation (AF).|POSITIVE",
                // case and runs of spaces are normalised (line breaks: see whitespaceIsNormalised)
                "THIS ECG   SHOWS Atrial  Fibrillation|POSITIVE",
                // full-width letters fold to ASCII (NFKC)
                "ＳＨＯＷＳ atrial fibrillation|POSITIVE",
                // negations that contain a positive marker or resemble one
                "This ECG shows no atrial fibrillation.|NEGATIVE",
                "This ECG does not show atrial fibrillation.|NEGATIVE",
                "This ECG doesn’t show atrial fibrillation.|NEGATIVE",
                "Findings are not consistent with atrial fibrillation.|NEGATIVE",
                "Sinus rhythm without atrial fibrillation.|NEGATIVE",
                // whole-word matching: no marker inside a longer word
                "piano atrial fibrillation|INVALID",
                "shows atrial fibrillations|INVALID",
                // no explicit marker or both polarities
                "atrial fibrillation|INVALID",
                "normal sinus rhythm|INVALID",
                "shows atrial fibrillation; no atrial fibrillation|INVALID",
                // Chinese text against the English vocabulary
                "无房颤|INVALID",
                // short and other negated forms
                "Not AF.|NEGATIVE",
                "This is not atrial fibrillation.|NEGATIVE",
                "No AF|NEGATIVE",
                "The patient does not have atrial fibrillation.|NEGATIVE",
                "The patient has atrial fibrillation.|POSITIVE",
                "not afraid|INVALID",
                "no AF, shows atrial fibrillation|INVALID",
            })
    void english(String answer, ParsedAnswer expected) {
        assertEquals(expected, ENGLISH.parse(answer));
    }

    @Test
    void theTrainingTemplatesOfBothLanguagesParse() {
        for (PromptTemplate t : List.of(PromptTemplate.CHINESE, PromptTemplate.ENGLISH)) {
            assertEquals(ParsedAnswer.NEGATIVE, t.parser().parse(t.answer(0)), t.answer(0));
            assertEquals(ParsedAnswer.POSITIVE, t.parser().parse(t.answer(1)), t.answer(1));
        }
    }

    @Test
    void anEchoedPromptIsNotRead() {
        // The Chinese instruction asks 是否患有房颤（Atrial Fibrillation）: its 有房颤 and "atrial fibrillation" must
        // not count, whether the echo comes before, after or without the answer, with the placeholder dropped.
        PromptTemplate zh = PromptTemplate.CHINESE;
        String echo = zh.instruction().replace(PromptTemplate.PLACEHOLDER, "");
        AnswerParser parser = zh.parser();
        assertEquals(ParsedAnswer.INVALID, parser.parse(echo));
        assertEquals(ParsedAnswer.NEGATIVE, parser.parse(echo + "\n" + zh.answer(0)));
        assertEquals(ParsedAnswer.NEGATIVE, parser.parse(zh.answer(0) + echo));
        assertEquals(ParsedAnswer.POSITIVE, parser.parse("user\n" + echo + "\nassistant\n" + zh.answer(1)));
        // The English question holds no marker; cutting it out leaves the answer alone.
        PromptTemplate en = PromptTemplate.ENGLISH;
        String englishEcho = en.instruction().replace(PromptTemplate.PLACEHOLDER, " ");
        assertEquals(ParsedAnswer.INVALID, en.parser().parse(englishEcho));
        assertEquals(ParsedAnswer.NEGATIVE, en.parser().parse(englishEcho + " " + en.answer(0)));
    }

    @Test
    void whitespaceIsNormalised() {
        assertEquals(ParsedAnswer.POSITIVE, ENGLISH.parse("This ECG shows\natrial\t\tfibrillation."));
        assertEquals(ParsedAnswer.NEGATIVE, CHINESE.parse("\n  无房颤 \n"));
    }

    @Test
    void missingOrBlankAnswersAreInvalid() {
        assertEquals(ParsedAnswer.INVALID, CHINESE.parse(null));
        assertEquals(ParsedAnswer.INVALID, CHINESE.parse(""));
        assertEquals(ParsedAnswer.INVALID, ENGLISH.parse(" \n\t "));
    }

    @Test
    void longerMarkerOfOtherPolarityWinsOnlyWhereItContainsTheShorter() {
        AnswerParser parser = new AnswerParser(
                new AnswerVocabulary(List.of("atrial fibrillation"), List.of("no atrial fibrillation")));
        assertEquals(ParsedAnswer.NEGATIVE, parser.parse("No atrial fibrillation"));
        assertEquals(ParsedAnswer.POSITIVE, parser.parse("Atrial fibrillation"));
        // the first positive occurrence is outside the negative one, so both polarities remain
        assertEquals(ParsedAnswer.INVALID, parser.parse("atrial fibrillation? no atrial fibrillation"));
    }

    @Test
    void parsedAnswerLabels() {
        assertEquals(0, ParsedAnswer.NEGATIVE.label());
        assertEquals(1, ParsedAnswer.POSITIVE.label());
        assertFalse(ParsedAnswer.INVALID.isValid());
        assertTrue(ParsedAnswer.POSITIVE.isValid());
        assertThrows(IllegalStateException.class, ParsedAnswer.INVALID::label);
    }

    @Test
    void vocabularyIsCanonicalAndValidated() {
        AnswerVocabulary vocabulary = new AnswerVocabulary(List.of(" Shows  AF "), List.of("No AF"));
        assertEquals(List.of("shows af"), vocabulary.positiveMarkers());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new AnswerVocabulary(List.of("AF"), List.of("af")));
        assertTrue(e.getMessage().contains("both"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AnswerVocabulary(List.of(), List.of("x")));
        assertTrue(e.getMessage().contains("positiveMarkers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new AnswerVocabulary(List.of("x"), List.of("y", " ")));
        assertTrue(e.getMessage().contains("negativeMarkers[1]"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> new AnswerVocabulary(List.of("x"), List.of("y"), List.of("X")));
        assertTrue(e.getMessage().contains("positiveMarkers and questionMarkers"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AnswerParser(null));
        assertThrows(IllegalArgumentException.class, () -> new AnswerParser(AnswerVocabulary.CHINESE, null));
    }
}
