;; Normalized difference of two uint16 bands, 8 pixels per iteration with f32x4 SIMD:
;;   out[i] = (a[i] - b[i]) / (a[i] + b[i] + c), NaN where a[i] == ndA (when enA), b[i] == ndB
;;   (when enB) or the denominator is 0.
;; a, b: byte addresses of the inputs (u16), out: of the output (f32); n: pixels, a multiple of 8.
;; Assembled by scripts/build-wasm.mjs (wabt) into nd-wasm.ts; shared/analysis/simd.ts runs it.
(module
  (memory (export "mem") 1)
  (func (export "nd")
    (param $a i32) (param $b i32) (param $out i32) (param $n i32)
    (param $ndA i32) (param $ndB i32) (param $enA i32) (param $enB i32) (param $c f32)
    (local $end i32)
    (local $sA v128) (local $sB v128) (local $eA v128) (local $eB v128) (local $vc v128)
    (local $va v128) (local $vb v128) (local $m v128) (local $nan v128) (local $zero v128)
    (local $fa v128) (local $fb v128) (local $den v128)
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $n) (i32.const 1))))
    (local.set $sA (i16x8.splat (local.get $ndA)))
    (local.set $sB (i16x8.splat (local.get $ndB)))
    (local.set $eA (i16x8.splat (local.get $enA)))
    (local.set $eB (i16x8.splat (local.get $enB)))
    (local.set $vc (f32x4.splat (local.get $c)))
    (local.set $nan (f32x4.splat (f32.const nan)))
    (block $done
      (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
      (loop $next
        (local.set $va (v128.load (local.get $a)))
        (local.set $vb (v128.load (local.get $b)))
        ;; nodata lanes: (a == ndA and enA) or (b == ndB and enB)
        (local.set $m
          (v128.or
            (v128.and (i16x8.eq (local.get $va) (local.get $sA)) (local.get $eA))
            (v128.and (i16x8.eq (local.get $vb) (local.get $sB)) (local.get $eB))))
        ;; pixels 0-3
        (local.set $fa (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $va))))
        (local.set $fb (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_u (local.get $vb))))
        (local.set $den (f32x4.add (f32x4.add (local.get $fa) (local.get $fb)) (local.get $vc)))
        (v128.store offset=0 (local.get $out)
          (v128.bitselect
            (local.get $nan)
            (f32x4.div (f32x4.sub (local.get $fa) (local.get $fb)) (local.get $den))
            (v128.or
              (i32x4.extend_low_i16x8_s (local.get $m))
              (f32x4.eq (local.get $den) (local.get $zero)))))
        ;; pixels 4-7
        (local.set $fa (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $va))))
        (local.set $fb (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_u (local.get $vb))))
        (local.set $den (f32x4.add (f32x4.add (local.get $fa) (local.get $fb)) (local.get $vc)))
        (v128.store offset=16 (local.get $out)
          (v128.bitselect
            (local.get $nan)
            (f32x4.div (f32x4.sub (local.get $fa) (local.get $fb)) (local.get $den))
            (v128.or
              (i32x4.extend_high_i16x8_s (local.get $m))
              (f32x4.eq (local.get $den) (local.get $zero)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (br_if $next (i32.lt_u (local.get $a) (local.get $end)))))))
