package org.dmascope.views.mapping;

import java.util.Optional;
import java.util.function.Consumer;

import javafx.geometry.HPos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.util.StringConverter;

import org.dmascope.model.kernel.dma.DmaDirection;
import org.dmascope.model.mapping.DmaBufImporter;
import org.dmascope.model.mapping.PageLayout;
import org.dmascope.model.util.ByteSize;
import org.dmascope.model.util.Hex;

/**
 * The chip's popover: size (4 KiB … 1 GiB), offset, page layout with its seed (host memory only),
 * direction, and for a dma-buf the importer and the revoke. Every valid edit is handed on at once; an invalid
 * one says why and changes nothing.
 */
final class BufferSettingsPane extends GridPane {
    static final String STYLE_CLASS = "buffer-settings";
    static final String SIZE_ID = "buffer-size";
    static final String OFFSET_ID = "buffer-offset";
    static final String LAYOUT_ID = "buffer-layout";
    static final String SEED_ID = "buffer-seed";
    static final String DIRECTION_ID = "buffer-direction";
    static final String PROBLEM_ID = "buffer-problem";
    static final String IMPORTER_ID = "buffer-importer";
    static final String REVOKED_ID = "buffer-revoked";

    private final BufferSource source;
    private final Consumer<BufferSettings> onChange;
    private final ComboBox<String> size = new ComboBox<>();
    private final TextField offset = new TextField();
    private final ChoiceBox<PageLayout.Kind> layout = new ChoiceBox<>();
    private final Spinner<Integer> seed = new Spinner<>(1, 9999, 1);
    private final ChoiceBox<DmaDirection> direction = new ChoiceBox<>();
    /** dma-buf: the importer, the empty choice being "by the device's class". */
    private final ChoiceBox<Optional<DmaBufImporter>> importer = new ChoiceBox<>();
    private final CheckBox revoked = new CheckBox("Revoked before the attach");
    private final Label problem = new Label();
    private BufferSettings current;
    private boolean filling;

    BufferSettingsPane(BufferSource source, BufferSettings initial, Consumer<BufferSettings> onChange) {
        this.source = source;
        this.onChange = onChange;
        this.current = initial;
        getStyleClass().add(STYLE_CLASS);
        setHgap(10);
        setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        getColumnConstraints().addAll(labels, new ColumnConstraints(250));
        Label heading = new Label(source.title());
        heading.getStyleClass().add("heading");
        Label where = new Label(source.detail());
        where.getStyleClass().add("muted");
        where.setWrapText(true);
        where.setMaxWidth(330);
        add(heading, 0, 0, 2, 1);
        add(where, 0, 1, 2, 1);
        GridPane.setHalignment(heading, HPos.LEFT);
        GridPane.setHalignment(where, HPos.LEFT);
        int row = 2;
        size.setId(SIZE_ID);
        size.setEditable(true);
        for (long s : BufferSettings.SIZES) {
            if (s <= source.capacity()) size.getItems().add(ByteSize.human(s));
        }
        size.setMaxWidth(Double.MAX_VALUE);
        addRow(row++, new Label("Size"), size);
        offset.setId(OFFSET_ID);
        offset.setPromptText(source.isHost() ? "bytes into the first page, e.g. 0x200" : "bytes into the P2P memory");
        addRow(row++, new Label("Offset"), offset);
        if (source.isHost()) {
            layout.setId(LAYOUT_ID);
            layout.getItems().setAll(BufferSettings.LAYOUTS);
            layout.setConverter(converter(BufferSettings::layoutWords));
            layout.setMaxWidth(Double.MAX_VALUE);
            addRow(row++, new Label("Pages"), layout);
            seed.setId(SEED_ID);
            seed.setEditable(true);
            seed.setMaxWidth(Double.MAX_VALUE);
            addRow(row++, new Label("Seed"), seed);
        }
        if (source instanceof BufferSource.DmaBufBar) {
            importer.setId(IMPORTER_ID);
            importer.getItems().add(Optional.empty());
            for (DmaBufImporter i : DmaBufImporter.values()) importer.getItems().add(Optional.of(i));
            importer.setConverter(converter(o -> o.map(DmaBufImporter::words).orElse("by the device's class")));
            importer.setMaxWidth(Double.MAX_VALUE);
            addRow(row++, new Label("Importer"), importer);
            revoked.setId(REVOKED_ID);
            revoked.setWrapText(true);
            addRow(row++, new Label("Revoke"), revoked);
        }
        direction.setId(DIRECTION_ID);
        direction.getItems().setAll(DmaDirection.values());
        direction.setConverter(converter(BufferSettings::directionWords));
        direction.setMaxWidth(Double.MAX_VALUE);
        addRow(row++, new Label("Direction"), direction);
        problem.setId(PROBLEM_ID);
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.setMaxWidth(330);
        add(problem, 0, row, 2, 1);
        GridPane.setHalignment(problem, HPos.LEFT);
        fill(initial);
        size.valueProperty().addListener((o, a, b) -> edited());
        size.getEditor().textProperty().addListener((o, a, b) -> {
            if (size.isFocused() || size.getEditor().isFocused()) edited();
        });
        offset.textProperty().addListener((o, a, b) -> edited());
        layout.valueProperty().addListener((o, a, b) -> edited());
        seed.valueProperty().addListener((o, a, b) -> edited());
        direction.valueProperty().addListener((o, a, b) -> edited());
        importer.valueProperty().addListener((o, a, b) -> edited());
        revoked.selectedProperty().addListener((o, a, b) -> edited());
    }

    private void fill(BufferSettings s) {
        filling = true;
        try {
            size.setValue(ByteSize.human(s.size()));
            size.getEditor().setText(ByteSize.human(s.size()));
            offset.setText(s.offset() == 0 ? "0" : Hex.addr(s.offset()));
            layout.setValue(s.layout());
            seed.getValueFactory().setValue((int) Math.max(1, Math.min(9999, s.seed())));
            direction.setValue(s.direction());
            importer.setValue(s.importer());
            revoked.setSelected(s.revoked());
            seed.setDisable(s.layout() != PageLayout.Kind.SCATTERED);
            problem.setText("");
        } finally {
            filling = false;
        }
    }

    BufferSettings current() {
        return current;
    }

    private void edited() {
        if (filling) return;
        Optional<BufferSettings> parsed = parse();
        if (parsed.isEmpty()) return;
        BufferSettings s = parsed.get();
        seed.setDisable(s.layout() != PageLayout.Kind.SCATTERED);
        Optional<String> p = s.problem(source);
        problem.setText(p.map(x -> Character.toUpperCase(x.charAt(0)) + x.substring(1) + ".").orElse(""));
        if (p.isEmpty() && !s.equals(current)) {
            current = s;
            onChange.accept(s);
        }
    }

    private Optional<BufferSettings> parse() {
        String sizeText = size.isEditable() && size.getEditor().isFocused() ? size.getEditor()
                .getText() : size.getValue();
        long bytes;
        try {
            bytes = ByteSize.parse(sizeText == null ? "" : sizeText);
        } catch (NumberFormatException e) {
            problem.setText("Size: write it like 64 KiB, 2 MiB or 0x10000.");
            return Optional.empty();
        }
        long off;
        try {
            String t = offset.getText().trim();
            off = t.isEmpty() ? 0 : ByteSize.parse(t);
        } catch (NumberFormatException e) {
            problem.setText("Offset: write it like 0, 512 or 0x200.");
            return Optional.empty();
        }
        PageLayout.Kind kind = layout.getValue() == null ? current.layout() : layout.getValue();
        Integer sd = seed.getValue();
        return Optional.of(new BufferSettings(bytes, off, kind, sd == null ? current.seed() : sd,
                direction.getValue() == null ? current.direction() : direction.getValue(),
                importer.getValue() == null ? current.importer() : importer.getValue(), revoked.isSelected()));
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> words) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : words.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
