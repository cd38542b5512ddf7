// Float presets of the accelerator and the `gemmini_params.h` text a guest program compiles against.

extension GemminiConfiguration {
    /// The public `gemmini_params_fp32.h`: DIM 4, FP32 elements, array output, accumulator and scales;
    /// 4 banks x 2048 scratchpad rows, 4096 accumulator rows; both dataflows.
    public static let fp32 = GemminiConfiguration(
        dim: 4, elementType: .fp32, accumulatorType: .fp32,
        scratchpadBanks: 4, scratchpadBankRows: 2048, accumulatorRows: 4096,
        dataflows: .both, arrayOutputType: .fp32, scaleType: .fp32)

    /// The co-design paper's compressed configuration: BF16 input, array output, accumulator and scales,
    /// weight-stationary only, 128 KiB scratchpad (4 x 4096 rows of 4 BF16), 32 KiB accumulator
    /// (4096 rows of 4 BF16), DIM 4.
    public static let bf16 = GemminiConfiguration(
        dim: 4, elementType: .bf16, accumulatorType: .bf16,
        scratchpadBanks: 4, scratchpadBankRows: 4096, accumulatorRows: 4096,
        dataflows: .weightStationary, arrayOutputType: .bf16, scaleType: .bf16)

    /// Gemmini's own BF16 configuration (`gemmini_params_bf16.h`): BF16 input and array output, FP32
    /// accumulator and scales; DIM 8, 4 banks x 2048 scratchpad rows, 2048 accumulator rows.
    public static let bf16Acc32 = GemminiConfiguration(
        dim: 8, elementType: .bf16, accumulatorType: .fp32,
        scratchpadBanks: 4, scratchpadBankRows: 2048, accumulatorRows: 2048,
        dataflows: .both, arrayOutputType: .bf16, scaleType: .fp32)

    /// Names `preset(named:)` knows.
    public static let presetNames = ["int8", "fp32", "bf16", "bf16-acc32"]

    /// The preset of that name (`int8`, `fp32`, `bf16`, `bf16-acc32`), or nil.
    public static func preset(named name: String) -> GemminiConfiguration? {
        switch name {
        case "int8": .int8
        case "fp32": .fp32
        case "bf16": .bf16
        case "bf16-acc32": .bf16Acc32
        default: nil
        }
    }

    /// Whether elements and accumulator are floats (the float model), as opposed to int8 / int32.
    public var isFloat: Bool { elementType != .int8 }

    /// Why this configuration cannot run (one line, for the user), or nil if it can.
    public var problem: String? { unsupportedReason }

    /// Why this configuration cannot run, or nil if it can: integer elements need the int32 accumulator
    /// and array output, float elements float ones at least as wide as the elements.
    var unsupportedReason: String? {
        if elementType == .int8 {
            return accumulatorType == .int32 && arrayOutputType == .int32 ? nil
                : "gemmini: int8 elements need an int32 accumulator and array output"
        }
        if accumulatorType == .int32 || arrayOutputType == .int32 {
            return "gemmini: float elements need a float accumulator and array output"
        }
        if elementType == .fp32 && (accumulatorType == .bf16 || arrayOutputType == .bf16) {
            return "gemmini: FP32 elements with a BF16 accumulator or array output are unsupported"
        }
        if arrayOutputType == .fp32 && accumulatorType == .bf16 {
            return "gemmini: an FP32 array output with a BF16 accumulator is unsupported"
        }
        return nil
    }

    /// The `gemmini_params.h` a guest program is compiled against for this configuration (the public
    /// int8 `gemmini_params.h`, or the float ones of gemmini-rocc-tests' side branches).
    public func cHeader() -> String {
        let elemBytes = elementType.byteCount
        let accBytes = accumulatorType.byteCount
        var h = """
        #ifndef GEMMINI_PARAMS_H
        #define GEMMINI_PARAMS_H

        #include <stdint.h>
        #include <limits.h>

        #define XCUSTOM_ACC 3
        #define DIM \(dim)
        #define ADDR_LEN 32
        #define BANK_NUM \(scratchpadBanks)
        #define BANK_ROWS \(scratchpadBankRows)
        #define ACC_ROWS \(accumulatorRows)
        #define MAX_BYTES \(maxBytes)
        #define MAX_BLOCK_LEN (MAX_BYTES/(DIM*\(elemBytes)))
        #define MAX_BLOCK_LEN_ACC (MAX_BYTES/(DIM*\(accBytes)))


        """
        if elementType == .int8 {
            h += """
            typedef int8_t elem_t;
            static const elem_t elem_t_max = 127;
            static const elem_t elem_t_min = -128;
            typedef int32_t acc_t;
            typedef int64_t full_t;

            #define HAS_MVIN_SCALE
            typedef float scale_t;
            typedef uint32_t scale_t_bits;

            typedef int32_t scale_acc_t;
            typedef uint32_t scale_acc_t_bits;

            typedef float acc_scale_t;
            typedef uint32_t acc_scale_t_bits;

            #define row_align(blocks) __attribute__((aligned(blocks*DIM*sizeof(elem_t))))
            #define row_align_acc(blocks) __attribute__((aligned(blocks*DIM*sizeof(acc_t))))

            #define MVIN_SCALE_IDENTITY 1.0

            #define ACC_SCALE_IDENTITY 1.0

            // Rounding right shift equation: https://riscv.github.io/documents/riscv-v-spec/#_vector_fixed_point_rounding_mode_register_vxrm
            #define ROUNDING_RIGHT_SHIFT(x, shift) \\
                ((shift) > 0 ? (((x) >> (shift)) + \\
                    (((shift) == 0 ? 0 : (((x) >> ((shift)-1)) & 1)) & \\
                         ((((shift) <= 1 ? 0 : ((x) & ((1 << ((shift)-1)) - 1))) != 0) | (((x) >> (shift)) & 1)))) : ((x) << (-(shift))))


            """
            h += Self.commonMacros
            h += """
            #define ACC_SCALE(x, scale) \\
                ({float y = ROUND_NEAR_EVEN((x) * (scale)); y > INT8_MAX ? INT8_MAX : (y < INT8_MIN ? INT8_MIN : (acc_t)y);})

            #define MVIN_SCALE(x, scale) \\
                ({float y = ROUND_NEAR_EVEN((x) * (scale)); y > INT8_MAX ? INT8_MAX : (y < INT8_MIN ? INT8_MIN : (elem_t)y);})

            #define MVIN_SCALE_ACC(x, scale) (x)

            #define ACC_SCALE_T_IS_FLOAT
            #define ACC_SCALE_EXP_BITS 8
            #define ACC_SCALE_SIG_BITS 24

            #define ACC_READ_SMALL_WIDTH

            #define HAS_FIRST_LAYER_OPTIMIZATIONS

            #endif // GEMMINI_PARAMS_H

            """
            return h
        }

        // Float configurations. BF16 values are uint16_t bit patterns in C (ELEM_T_IS_LOWPREC_FLOAT);
        // the helpers below convert them to and from float (round to nearest even, canonical NaN).
        let elemBF16 = elementType == .bf16
        let accBF16 = accumulatorType == .bf16
        let scaleBF16 = scaleType == .bf16
        let bf16Max = "3.3895313892515355E38"
        let f32Max = "3.4028235E38"
        h += """
        static inline float gemmini_bf16_to_float(uint16_t x) {
            union { uint32_t b; float f; } un;
            un.b = (uint32_t)x << 16;
            return un.f;
        }
        static inline uint16_t gemmini_float_to_bf16(float x) {
            union { uint32_t b; float f; } un;
            un.f = x;
            if ((un.b & 0x7fffffff) > 0x7f800000) return 0x7fc0;
            return (uint16_t)((un.b + 0x7fff + ((un.b >> 16) & 1)) >> 16);
        }


        """
        if elemBF16 {
            h += """
            typedef uint16_t elem_t;
            #define ELEM_T_IS_LOWPREC_FLOAT
            static const float elem_t_max = \(bf16Max);
            static const float elem_t_min = -\(bf16Max);

            """
        } else {
            h += """
            typedef float elem_t;
            static const elem_t elem_t_max = \(f32Max);
            static const elem_t elem_t_min = -\(f32Max);

            """
        }
        if accBF16 {
            h += """
            typedef uint16_t acc_t;
            #define ACC_T_IS_LOWPREC_FLOAT
            typedef float full_t;

            """
        } else {
            h += """
            typedef float acc_t;
            typedef double full_t;

            """
        }
        h += """

        #define ELEM_T_IS_FLOAT
        #define ELEM_T_EXP_BITS 8
        #define ELEM_T_SIG_BITS \(elemBF16 ? 8 : 24)
        #define ACC_T_EXP_BITS 8
        #define ACC_T_SIG_BITS \(accBF16 ? 8 : 24)
        typedef \(elemBF16 ? "uint16_t" : "uint32_t") elem_t_bits;
        typedef \(accBF16 ? "uint16_t" : "uint32_t") acc_t_bits;

        #define HAS_MVIN_SCALE
        typedef \(scaleBF16 ? "uint16_t" : "float") scale_t;
        typedef \(scaleBF16 ? "uint16_t" : "uint32_t") scale_t_bits;

        #define HAS_MVIN_ACC_SCALE
        typedef \(scaleBF16 ? "uint16_t" : "float") scale_acc_t;
        typedef \(scaleBF16 ? "uint16_t" : "uint32_t") scale_acc_t_bits;

        typedef \(scaleBF16 ? "uint16_t" : "float") acc_scale_t;
        typedef \(scaleBF16 ? "uint16_t" : "uint32_t") acc_scale_t_bits;

        #define row_align(blocks) __attribute__((aligned(blocks*DIM*sizeof(elem_t))))
        #define row_align_acc(blocks) __attribute__((aligned(blocks*DIM*sizeof(acc_t))))

        #define MVIN_SCALE_IDENTITY \(scaleBF16 ? "0x3f80" : "1.0")

        #define ACC_SCALE_IDENTITY \(scaleBF16 ? "0x3f80" : "1.0")

        #define ROUNDING_RIGHT_SHIFT(x, shift) \\
            ((x) / (1 << (shift)))


        """
        h += Self.commonMacros
        // Scale helpers: values of the C types to float and back.
        let elemToF = elemBF16 ? "gemmini_bf16_to_float" : ""
        let fToElem = elemBF16 ? "gemmini_float_to_bf16" : "(elem_t)"
        let accToF = accBF16 ? "gemmini_bf16_to_float" : ""
        let fToAcc = accBF16 ? "gemmini_float_to_bf16" : "(acc_t)"
        let scaleToF = scaleBF16 ? "gemmini_bf16_to_float" : ""
        h += """
        #define ACC_SCALE(x, scale) \\
            \(fToAcc)(\(accToF)(x) * \(scaleToF)(scale))

        #define MVIN_SCALE(x, scale) \\
            \(fToElem)(\(elemToF)(x) * \(scaleToF)(scale))

        #define MVIN_SCALE_ACC(x, scale) \\
            \(fToAcc)(\(accToF)(x) * \(scaleToF)(scale))

        #define ACC_SCALE_T_IS_FLOAT
        #define ACC_SCALE_EXP_BITS 8
        #define ACC_SCALE_SIG_BITS \(scaleBF16 ? 8 : 24)

        #define ACC_READ_SMALL_WIDTH
        #define ACC_READ_FULL_WIDTH

        #define HAS_FIRST_LAYER_OPTIMIZATIONS

        #endif // GEMMINI_PARAMS_H

        """
        return h
    }

    private static let commonMacros = """
    #ifdef __cplusplus
    #define SAME_TYPE(x) decltype(x)
    #else
    #define SAME_TYPE(x) typeof(x)
    #endif

    #define ROUND_NEAR_EVEN(x) \\
        ({ const SAME_TYPE(x) x_ = (x); \\
             const long long i = x_; \\
             const long long next = x_ < 0 ? x_ - 1 : x_ + 1; \\
             SAME_TYPE(x) rem = x_ - i; \\
             rem = rem < 0 ? -rem : rem; \\
             SAME_TYPE(x) result = rem < 0.5 ? i : (rem > 0.5 ? next : ( \\
                         i % 2 == 0 ? i : next)); \\
             result; })

    // Rounding right shift equation: https://riscv.github.io/documents/riscv-v-spec/#_vector_fixed_point_rounding_mode_register_vxrm
    #define ROUNDING_RIGHT_SHIFT_BITS(x, shift) \\
    ((shift) > 0 ? (((x) >> (shift)) + \\
        (((shift) == 0 ? 0 : (((x) >> ((shift)-1)) & 1)) & \\
             ((((shift) <= 1 ? 0 : ((x) & ((1 << ((shift)-1)) - 1))) != 0) | (((x) >> (shift)) & 1)))) : ((x) << (-(shift))))


    """
}
