/// The update, the gradient dump, the training and evaluation loops and main, in C.
extension FirmwareSource {
    var update: String {
        let rule = isFPTT
            ? #"""
                    /* FPTT: the gradient plus the dynamic regularizer, then lambda and W_bar from the new W. */
                    float w_bar_i = get(w_bar[i]), lambda_i = get(lambda[i]);
                    float step = get(gradients[i]) + ALPHA * (w - w_bar_i) - lambda_i;
                    w = keep(&parameters[i], w - LEARNING_RATE * step);
                    lambda_i = keep(&lambda[i], lambda_i - ALPHA * (w - w_bar_i));
                    w_bar[i] = put(0.5f * (w_bar_i + w) - lambda_i / (2 * ALPHA));
            """#
            : #"""
                    /* BPTT: plain SGD. */
                    parameters[i] = put(w - LEARNING_RATE * get(gradients[i]));
            """#
        let initialFPTT = isFPTT ? "\n        w_bar[i] = parameters[i];   /* W_bar starts as W; lambda as 0 (.bss) */" : ""
        return #"""
            /* ---- Update ------------------------------------------------------------------------------------ */

            /* The initial parameters in storage precision (hart 0, before the other harts start). */
            static void initialize_parameters(void)
            {
                for (size_t i = 0; i < PARAMETER_COUNT; i++) {
                    parameters[i] = put(initial_parameters[i]);\#(initialFPTT)
                }
            }

            /* Every parameter (biases too) from its gradient, which is then cleared for the next partition;
               split by parameter. */
            static void update(unsigned hart)
            {
                struct range r = share(PARAMETER_COUNT, hart);
                for (size_t i = r.begin; i < r.end; i++) {
                    float w = get(parameters[i]);
            \#(rule)
                    gradients[i] = put(0);
                }
            }

            """#
    }

    var dump: String {
        guard configuration.dumpGradients else { return "" }
        return #"""
            /* ---- --dump-gradients (hart 0): the loss and each gradient tensor as FP32 bit patterns ---------- */

            static uint32_t float_bits(float x)
            {
                uint32_t bits;
                memcpy(&bits, &x, sizeof bits);
                return bits;
            }

            /* "dump p=<p> grad <name> <count>", then the values, 8 hex words a line. */
            static void dump_tensor(size_t p, const char *name, const value_t *v, size_t count)
            {
                printf("dump p=%zu grad %s %zu\n", p, name, count);
                for (size_t i = 0; i < count; i += 8) {
                    for (size_t k = i; k < count && k < i + 8; k++)
                        printf(k == i ? "%08lx" : " %08lx", (unsigned long)float_bits(get(v[k])));
                    printf("\n");
                }
            }

            static void dump_gradients(size_t p)
            {
                printf("dump p=%zu loss %08lx\n", p, (unsigned long)float_bits(partition_loss));
                dump_tensor(p, "Wg", &gradients[WG_OFFSET], BG_OFFSET - WG_OFFSET);
                dump_tensor(p, "bg", &gradients[BG_OFFSET], WO_OFFSET - BG_OFFSET);
                dump_tensor(p, "Wo", &gradients[WO_OFFSET], BO_OFFSET - WO_OFFSET);
                dump_tensor(p, "bo", &gradients[BO_OFFSET], PARAMETER_COUNT - BO_OFFSET);
            }

            """#
    }

    var training: String {
        let dumpCall = configuration.dumpGradients ? #"""

                            if (epoch == 1 && n == 0) {   /* --dump-gradients: before the update */
                                if (hart == 0)
                                    dump_gradients(p);
                                sync_harts();
                            }
            """# : ""
        return #"""
            /* ---- Training ---------------------------------------------------------------------------------- */

            #define TRAIN_BATCHES (TRAIN_SAMPLES / BATCH)

            /* Every epoch visits the batches in file order; losses are printed by hart 0. */
            static void train(unsigned hart)
            {
                for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                    double loss_sum = 0;
                    for (size_t n = 0; n < TRAIN_BATCHES; n++) {
                        const uint8_t *images[BATCH];
                        for (size_t b = 0; b < BATCH; b++)
                            images[b] = &train_images[(n * BATCH + b) * SAMPLE_PIXELS];
                        const uint8_t *labels = &train_labels[n * BATCH];
                        reset_state(hart);
                        sync_harts();
                        for (size_t p = 0; p < PARTITIONS; p++) {
                            forward_partition(hart, p * PARTITION_STEPS, images);
                            if (hart == 0)
                                partition_loss = loss_and_dlogits(labels);
                            sync_harts();
                            backward_partition(hart);\#(dumpCall)
                            update(hart);
                            carry_state(hart);
                            sync_harts();
                        }
                        if (hart == 0) {
                            loss_sum += partition_loss;
                            printf("batch %d %zu/%d loss %.6f\n", epoch, n + 1, TRAIN_BATCHES, partition_loss);
                        }
                    }
                    if (hart == 0) {
                        printf("epoch %d train_loss %.6f\n", epoch, loss_sum / TRAIN_BATCHES);
                        if (epoch == EPOCHS)
                            printf("final_loss %.6f\n", loss_sum / TRAIN_BATCHES);
                    }
                }
            }

            """#
    }

    var evaluation: String {
        #"""
        /* ---- Evaluation --------------------------------------------------------------------------------
           Forward over all steps, partition by partition through the same buffers; the prediction is the
           first largest logit at the last step. A last, partial batch repeats the last test image in its
           unused rows, which are not counted. */
        static void evaluate(unsigned hart)
        {
            int correct = 0;
            for (size_t first = 0; first < TEST_SAMPLES; first += BATCH) {
                const uint8_t *images[BATCH];
                for (size_t b = 0; b < BATCH; b++) {
                    size_t sample = first + b < TEST_SAMPLES ? first + b : TEST_SAMPLES - 1;
                    images[b] = &test_images[sample * SAMPLE_PIXELS];
                }
                reset_state(hart);
                sync_harts();
                for (size_t p = 0; p < PARTITIONS; p++) {
                    forward_partition(hart, p * PARTITION_STEPS, images);
                    carry_state(hart);
                    sync_harts();
                }
                for (size_t b = 0; hart == 0 && b < BATCH && first + b < TEST_SAMPLES; b++) {
                    size_t best = 0;
                    for (size_t k = 1; k < CLASSES; k++)
                        if (get(logits[b][k]) > get(logits[b][best]))
                            best = k;
                    correct += best == test_labels[first + b];
                }
            }
            if (hart == 0)
                printf("test_accuracy %.6f (%d/%d)\n", (double)correct / TEST_SAMPLES, correct, TEST_SAMPLES);
        }

        """#
    }

    var main: String {
        #"""
        /* ---- main ------------------------------------------------------------------------------------ */

        static void run(unsigned hart, void *unused)
        {
            (void)unused;
            train(hart);
            evaluate(hart);
        }

        int main(void)
        {
            printf("fptt: lstm input=%d hidden=%d classes=%d steps=%d partitions=%d batch=%d precision=%s harts=%d "
                   "train=%d test=%d epochs=%d lr=%s alpha=%s\n", INPUT, HIDDEN, CLASSES, STEPS, PARTITIONS, BATCH,
                   PRECISION, HARTS, TRAIN_SAMPLES, TEST_SAMPLES, EPOCHS, LEARNING_RATE_TEXT, ALPHA_TEXT);
            printf("state_bytes %zu\n", state_bytes);
            if (HARTS > 1 && hart_count() < HARTS) {
                printf("fptt: error: built for %d harts, the machine has %u (run it with -p%d)\n", HARTS, hart_count(), HARTS);
                return 1;
            }
            initialize_parameters();
            for (unsigned h = 1; h < HARTS; h++)
                hart_start(h, run, NULL);
            run(0, NULL);
            for (unsigned h = 1; h < HARTS; h++)
                hart_join(h);
            return 0;
        }
        """#
    }
}
