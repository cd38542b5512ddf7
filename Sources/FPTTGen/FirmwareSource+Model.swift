/// The model's phases in C: the Gemmini products, the forward steps, the loss and the backward steps.
extension FirmwareSource {
    var products: String {
        #"""
        /* ---- Gemmini products ------------------------------------------------------------------------
           C = A B (+ D) on this hart's Gemmini (weight-stationary), A multiplied by a_scale as it is moved
           in; the argument conventions are rvgem_gemmini_tiled.h's. Each caller passes its hart's share
           of the output. Inlined, so that rvgem --check-bf16 names each caller as a site of its own. */
        static inline __attribute__((always_inline))
        void matmul(size_t rows, size_t cols, size_t depth,
                    const value_t *a, size_t stride_a, bool transpose_a,
                    const value_t *b, size_t stride_b, bool transpose_b,
                    const value_t *d, size_t stride_d, bool repeating_bias,
                    value_t *c, size_t stride_c, float a_scale)
        {
            if (rows == 0 || cols == 0)
                return;
            if (tiled_matmul_auto(rows, cols, depth, a, b, d, c, stride_a, stride_b, stride_d, stride_c,
                                  rvgem_float_to_scale(a_scale), rvgem_float_to_scale(1), rvgem_float_to_scale_acc(1),
                                  NO_ACTIVATION, rvgem_float_to_acc_scale(1), rvgem_float_to_acc_scale(1), repeating_bias,
                                  transpose_a, transpose_b, false, false, 0, WS) != 0) {
                printf("fptt: error: tiled_matmul_auto refused a %zux%zux%zu product\n", rows, cols, depth);
                exit(1);
            }
        }

        /* gates[s] = xc[s] Wg^T + bg (the bias repeated for every sample); split by gate columns. */
        static void gates_forward(unsigned hart, size_t s)
        {
            struct range r = block_share(GATE_ROWS, hart);
            matmul(BATCH, r.end - r.begin, XC_WIDTH, &xc[s][0][0], XC_WIDTH, false,
                   &parameters[WG_OFFSET + r.begin * XC_WIDTH], XC_WIDTH, true,
                   &parameters[BG_OFFSET + r.begin], 0, true, &gates[s][0][r.begin], GATE_ROWS, 1);
        }

        /* logits = h Wo^T + bo at the partition's last step; split by classes. */
        static void output_forward(unsigned hart)
        {
            struct range r = block_share(CLASSES, hart);
            matmul(BATCH, r.end - r.begin, HIDDEN, &h_state[PARTITION_STEPS][0][0], HIDDEN, false,
                   &parameters[WO_OFFSET + r.begin * HIDDEN], HIDDEN, true,
                   &parameters[BO_OFFSET + r.begin], 0, true, &logits[0][r.begin], CLASSES, 1);
        }

        /* dWo += (1/BATCH) dlogits^T h (D = C = dWo: accumulated, the scale on dlogits as it moves in) and
           dh = dlogits Wo; split by rows of dWo and columns of dh. */
        static void output_backward(unsigned hart)
        {
            struct range r = block_share(CLASSES, hart);
            value_t *dwo = &gradients[WO_OFFSET + r.begin * HIDDEN];
            matmul(r.end - r.begin, HIDDEN, BATCH, &dlogits[0][r.begin], CLASSES, true,
                   &h_state[PARTITION_STEPS][0][0], HIDDEN, false, dwo, HIDDEN, false, dwo, HIDDEN, 1.0f / BATCH);
            struct range c = block_share(HIDDEN, hart);
            matmul(BATCH, c.end - c.begin, CLASSES, &dlogits[0][0], CLASSES, false,
                   &parameters[WO_OFFSET + c.begin], HIDDEN, false, NULL, 0, false, &dh[0][c.begin], HIDDEN, 1);
        }

        /* dWg += (1/BATCH) dz^T xc[s] (D = C = dWg: accumulated over the partition's steps) and, except at
           the partition's first step (nothing flows to the previous partition), dh = dz Wg[:, INPUT:];
           split by rows of dWg and columns of dh. */
        static void gates_backward(unsigned hart, size_t s)
        {
            struct range r = block_share(GATE_ROWS, hart);
            value_t *dwg = &gradients[WG_OFFSET + r.begin * XC_WIDTH];
            matmul(r.end - r.begin, XC_WIDTH, BATCH, &dz[0][r.begin], GATE_ROWS, true,
                   &xc[s][0][0], XC_WIDTH, false, dwg, XC_WIDTH, false, dwg, XC_WIDTH, 1.0f / BATCH);
            if (s == 0)
                return;
            struct range c = block_share(HIDDEN, hart);
            matmul(BATCH, c.end - c.begin, GATE_ROWS, &dz[0][0], GATE_ROWS, false,
                   &parameters[WG_OFFSET + INPUT + c.begin], XC_WIDTH, false, NULL, 0, false, &dh[0][c.begin], HIDDEN, 1);
        }

        """#
    }

    var forward: String {
        #"""
        /* ---- Forward -------------------------------------------------------------------------------- */

        /* h = c = 0 at the start of a sequence. */
        static void reset_state(unsigned hart)
        {
            zero_share(&h_state[0][0][0], BATCH * HIDDEN, hart);
            zero_share(&c_state[0][0][0], BATCH * HIDDEN, hart);
        }

        /* The next partition starts from this one's final state. */
        static void carry_state(unsigned hart)
        {
            struct range r = share(BATCH * HIDDEN, hart);
            size_t bytes = (r.end - r.begin) * sizeof(value_t);
            memcpy(&h_state[0][0][0] + r.begin, &h_state[PARTITION_STEPS][0][0] + r.begin, bytes);
            memcpy(&c_state[0][0][0] + r.begin, &c_state[PARTITION_STEPS][0][0] + r.begin, bytes);
        }

        /* xc[s] = [x_t, h_{t-1}] for the global step t; pixels scaled to [0, 1]. */
        static void load_inputs(unsigned hart, size_t s, size_t t, const uint8_t *const images[BATCH])
        {
            struct range r = share(XC_WIDTH, hart);
            for (size_t b = 0; b < BATCH; b++)
                for (size_t j = r.begin; j < r.end; j++)
                    xc[s][b][j] = j < INPUT ? put(images[b][t * INPUT + j] / PIXEL_MAX) : h_state[s][b][j - INPUT];
        }

        static inline float sigmoid(float x) { return 1.0f / (1.0f + expf(-x)); }

        /* The gates' activations in place, c_t = f c_{t-1} + i g, h_t = o tanh(c_t); split by hidden unit. */
        static void cell_forward(unsigned hart, size_t s)
        {
            struct range r = share(HIDDEN, hart);
            for (size_t b = 0; b < BATCH; b++)
                for (size_t j = r.begin; j < r.end; j++) {
                    value_t *z = gates[s][b];
                    float i = keep(&z[j], sigmoid(get(z[j])));
                    float f = keep(&z[HIDDEN + j], sigmoid(get(z[HIDDEN + j])));
                    float g = keep(&z[2 * HIDDEN + j], tanhf(get(z[2 * HIDDEN + j])));
                    float o = keep(&z[3 * HIDDEN + j], sigmoid(get(z[3 * HIDDEN + j])));
                    float c = keep(&c_state[s + 1][b][j], f * get(c_state[s][b][j]) + i * g);
                    float tc = keep(&tanh_c[s][b][j], tanhf(c));
                    h_state[s + 1][b][j] = put(o * tc);
                }
        }

        /* The partition's steps from global step first_step, on the carried state, then the logits. */
        static void forward_partition(unsigned hart, size_t first_step, const uint8_t *const images[BATCH])
        {
            for (size_t s = 0; s < PARTITION_STEPS; s++) {
                load_inputs(hart, s, first_step + s, images);
                sync_harts();
                gates_forward(hart, s);
                sync_harts();
                cell_forward(hart, s);
                sync_harts();
            }
            output_forward(hart);
            sync_harts();
        }

        """#
    }

    var loss: String {
        #"""
        /* ---- Loss (hart 0) ---------------------------------------------------------------------------
           Softmax cross-entropy of the logits: returns the batch mean, sets dlogits = softmax - onehot and
           adds (1/BATCH) sum_b dlogits to dbo. */
        static float loss_and_dlogits(const uint8_t labels[BATCH])
        {
            float total = 0;
            for (size_t b = 0; b < BATCH; b++) {
                float l[CLASSES], e[CLASSES], largest = -INFINITY, sum = 0;
                for (size_t k = 0; k < CLASSES; k++) {
                    l[k] = get(logits[b][k]);
                    largest = l[k] > largest ? l[k] : largest;
                }
                for (size_t k = 0; k < CLASSES; k++) {
                    e[k] = expf(l[k] - largest);
                    sum += e[k];
                }
                total += logf(sum) - (l[labels[b]] - largest);
                for (size_t k = 0; k < CLASSES; k++)
                    dlogits[b][k] = put(e[k] / sum - (k == labels[b] ? 1.0f : 0.0f));
            }
            for (size_t k = 0; k < CLASSES; k++) {
                float sum = 0;
                for (size_t b = 0; b < BATCH; b++)
                    sum += get(dlogits[b][k]);
                gradients[BO_OFFSET + k] = put(get(gradients[BO_OFFSET + k]) + sum * (1.0f / BATCH));
            }
            return total / BATCH;
        }

        """#
    }

    var backward: String {
        #"""
        /* ---- Backward --------------------------------------------------------------------------------
           Step s from dh and dc (the gradients reaching h_t and c_t): dz for the four gates, dc for c_{t-1},
           and dbg += (1/BATCH) sum_b dz; split by hidden unit. */
        static void cell_backward(unsigned hart, size_t s)
        {
            struct range r = share(HIDDEN, hart);
            for (size_t j = r.begin; j < r.end; j++) {
                for (size_t b = 0; b < BATCH; b++) {
                    const value_t *z = gates[s][b];
                    float i = get(z[j]), f = get(z[HIDDEN + j]), g = get(z[2 * HIDDEN + j]), o = get(z[3 * HIDDEN + j]);
                    float tc = get(tanh_c[s][b][j]), dh_t = get(dh[b][j]);
                    float dc_t = get(dc[b][j]) + dh_t * o * (1 - tc * tc);
                    dz[b][j] = put(dc_t * g * i * (1 - i));
                    dz[b][HIDDEN + j] = put(dc_t * get(c_state[s][b][j]) * f * (1 - f));
                    dz[b][2 * HIDDEN + j] = put(dc_t * i * (1 - g * g));
                    dz[b][3 * HIDDEN + j] = put(dh_t * tc * o * (1 - o));
                    dc[b][j] = put(dc_t * f);
                }
                for (size_t gate = 0; gate < 4; gate++) {
                    size_t row = gate * HIDDEN + j;
                    float sum = 0;
                    for (size_t b = 0; b < BATCH; b++)
                        sum += get(dz[b][row]);
                    gradients[BG_OFFSET + row] = put(get(gradients[BG_OFFSET + row]) + sum * (1.0f / BATCH));
                }
            }
        }

        /* Backward through the partition, from the loss at its end (dc = 0 there) to its first step. */
        static void backward_partition(unsigned hart)
        {
            zero_share(&dc[0][0], BATCH * HIDDEN, hart);
            output_backward(hart);
            sync_harts();
            for (size_t s = PARTITION_STEPS; s-- > 0;) {
                cell_backward(hart, s);
                sync_harts();
                gates_backward(hart, s);
                sync_harts();
            }
        }

        """#
    }
}
